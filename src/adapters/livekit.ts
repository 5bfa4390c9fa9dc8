// LiveKit (`livekit-client`): a `Room` as keepcall sees it. Types only are imported so the app's
// own copy of the SDK is the only one in its bundle; event names are the SDK's string values.
import type { DisconnectReason, ParticipantEvent, Room, RoomEvent, Track } from 'livekit-client';
import { KeepCallError } from '../core/errors';
import type { CallLike, Media } from '../core/types';
import { sdkLink } from './sdk';
import { type AdapterPhase, type Reading, signalSource } from './signals';

/** Options for {@link fromLiveKitRoom}. */
export interface LiveKitRoomOptions {
  /** The call's id; the room's name by default (which is empty until the room has connected). */
  id?: string;
  /** The person the notification and CallKit show; none by default. */
  displayName?: string;
}

const ROOM_STATE = 'connectionStateChanged' as RoomEvent.ConnectionStateChanged;
const ROOM_DISCONNECTED = 'disconnected' as RoomEvent.Disconnected;
// Local publications are watched on the participant itself: the room forwards them only once connected.
const LOCAL_EVENTS = [
  'localTrackPublished',
  'localTrackUnpublished',
  'trackMuted',
  'trackUnmuted',
  'participantPermissionsChanged',
] as (
  | ParticipantEvent.LocalTrackPublished
  | ParticipantEvent.LocalTrackUnpublished
  | ParticipantEvent.TrackMuted
  | ParticipantEvent.TrackUnmuted
  | ParticipantEvent.ParticipantPermissionsChanged
)[];
const MICROPHONE = 'microphone' as Track.Source.Microphone;

const PHASES: Readonly<Record<string, AdapterPhase>> = {
  connecting: 'joining',
  connected: 'joined',
  // Both a full reconnect and a signal-only one keep the keeper: a stop cannot be undone from the background.
  reconnecting: 'reconnecting',
  signalReconnecting: 'reconnecting',
};

// `DisconnectReason` numbers (livekit protocol); 1 is the local participant's own `disconnect()`.
const CLIENT_INITIATED = 1;
const REASONS = [
  'unknown',
  'client-initiated',
  'duplicate-identity',
  'server-shutdown',
  'participant-removed',
  'room-deleted',
  'state-mismatch',
  'join-failure',
  'migration',
  'signal-close',
  'room-closed',
  'user-unavailable',
  'user-rejected',
  'sip-trunk-failure',
  'connection-timeout',
  'media-failure',
  'agent-error',
];

// Ends the network or the service caused rather than a person: CallKit shows them as failed.
const FAILURES = new Set([
  'server-shutdown',
  'state-mismatch',
  'join-failure',
  'signal-close',
  'sip-trunk-failure',
  'connection-timeout',
  'media-failure',
  'agent-error',
]);

/**
 * The `closed` reason for a disconnect: the SDK's name, prefixed `failed:` for a failure so keepcall
 * ends the call as failed. No reason while connecting or reconnecting is LiveKit giving up.
 */
function endReason(reason: DisconnectReason | undefined, before: string): string {
  const name = REASONS[Number(reason ?? 0)] ?? `disconnect-reason-${reason}`;
  const gaveUp = name === 'unknown' && before !== 'connected';
  if (gaveUp) return `failed: ${before === 'connecting' ? 'could not connect' : 'reconnect gave up'}`;
  return FAILURES.has(name) ? `failed: ${name}` : name;
}

/** keepcall's call for a LiveKit `Room`, with that `Room` as `sdkCall`. */
export type LiveKitCallLike = CallLike & { readonly sdkCall: Room };

const liveKitRooms = sdkLink<Room>();

/** The LiveKit `Room` behind a call keepcall hands back, or undefined when fromLiveKitRoom did not make it. */
export function liveKitRoomOf(call: CallLike): Room | undefined {
  return liveKitRooms.of(call);
}

/** Turns a LiveKit `Room` into a `CallLike`; a reconnect reads as `reconnecting`, never as an end. */
export function fromLiveKitRoom(room: Room, options: LiveKitRoomOptions = {}): LiveKitCallLike {
  const id = options.id ?? room.name;
  if (typeof id !== 'string' || id === '') {
    throw new KeepCallError(
      'invalid-config',
      `fromLiveKitRoom: options.id must be a non-empty string when the room has no name yet (it has none until connected); given ${JSON.stringify(options.id)}`,
    );
  }
  // The reason of the last disconnect, and the state the room was in before it; cleared when the room
  // connects again.
  let ended: DisconnectReason | undefined;
  let endedKnown = false;
  let before = 'disconnected';
  const read = (): Reading => {
    const state = String(room.state);
    const media = readMedia(room);
    if (state !== 'disconnected') return { phase: PHASES[state] ?? 'idle', media };
    if (!endedKnown) return { phase: 'idle', media };
    if (ended === CLIENT_INITIATED) return { phase: 'left', media };
    return { phase: 'closed', media, reason: endReason(ended, before) };
  };
  const subscribe = signalSource(read, (onChange) => {
    const onState = (): void => {
      // The end is reported on `disconnected`, which carries the reason and follows this event.
      if (String(room.state) === 'disconnected') return;
      before = String(room.state);
      endedKnown = false;
      onChange();
    };
    const onDisconnected = (reason?: DisconnectReason): void => {
      ended = reason;
      endedKnown = true;
      onChange();
    };
    const participant = room.localParticipant;
    room.on(ROOM_STATE, onState);
    room.on(ROOM_DISCONNECTED, onDisconnected);
    for (const event of LOCAL_EVENTS) participant.on(event, onChange);
    return () => {
      room.off(ROOM_STATE, onState);
      room.off(ROOM_DISCONNECTED, onDisconnected);
      for (const event of LOCAL_EVENTS) participant.off(event, onChange);
    };
  });
  const adapted: CallLike = {
    id,
    subscribe,
    hangup: () => room.disconnect(),
    setMuted: async (muted) => {
      await room.localParticipant.setMicrophoneEnabled(!muted);
    },
    setCameraEnabled: async (enabled) => {
      await room.localParticipant.setCameraEnabled(enabled);
    },
  };
  if (options.displayName !== undefined) adapted.displayName = options.displayName;
  return liveKitRooms.attach(adapted, room);
}

function readMedia(room: Room): Media {
  const participant = room.localParticipant;
  // Publishing rights keep the microphone type while muted, so unmuting from the background still captures.
  const mayPublish = participant.permissions?.canPublish === true;
  return {
    audio: participant.getTrackPublication(MICROPHONE) !== undefined || mayPublish,
    video: participant.isCameraEnabled,
    muted: !participant.isMicrophoneEnabled,
  };
}
