// The LiveKit adapter against the real `livekit-client`: a real `Room`, its real `LocalParticipant`,
// real `LocalAudioTrack`/`LocalVideoTrack` objects and publications. Connecting needs a LiveKit
// server, so connection states are set through the room's own `setAndEmitConnectionState` (the
// method its engine calls) and `disconnect()`/`handleDisconnect` run for real; publications are
// added the way `publishTrack` adds them once the server has answered. The tracks wrap stand-in
// `MediaStreamTrack`s (Node has no capture devices).
import {
  ConnectionState,
  DisconnectReason,
  LocalAudioTrack,
  LocalTrackPublication,
  LocalVideoTrack,
  LogLevel,
  ParticipantEvent,
  Room,
  setLogLevel,
  Track,
} from 'livekit-client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { fromLiveKitRoom, liveKitRoomOf } from '../../src/adapters/livekit';
import { KeepCallError } from '../../src/core/errors';
import { record, StandInStream, StandInTrack } from './standins';

// The SDK builds streams around its tracks and checks track types with the browser's classes.
const globals = globalThis as Record<string, unknown>;
const saved = { MediaStream: globals.MediaStream, MediaStreamTrack: globals.MediaStreamTrack };
beforeAll(() => {
  setLogLevel(LogLevel.silent);
  globals.MediaStream = StandInStream;
  globals.MediaStreamTrack = StandInTrack;
});
afterAll(() => {
  globals.MediaStream = saved.MediaStream;
  globals.MediaStreamTrack = saved.MediaStreamTrack;
});

/** The room's own state setter; private in its types, called by its engine on every transition. */
function setState(room: Room, state: ConnectionState): void {
  (
    room as unknown as { setAndEmitConnectionState(state: ConnectionState): boolean }
  ).setAndEmitConnectionState(state);
}

/** The room's own teardown with a server-given reason, as its engine runs it. */
function serverDisconnect(room: Room, reason: DisconnectReason): void {
  (room as unknown as { handleDisconnect(stop: boolean, reason: DisconnectReason): void }).handleDisconnect(
    true,
    reason,
  );
}

let sid = 0;
/** Publishes a real local track on the room's participant the way `publishTrack` does after the server's answer. */
function publish(room: Room, source: 'microphone' | 'camera'): { stream: StandInTrack; track: Track } {
  const kind = source === 'microphone' ? 'audio' : 'video';
  const stream = new StandInTrack(kind);
  const track =
    kind === 'audio'
      ? new LocalAudioTrack(stream as unknown as MediaStreamTrack, undefined, true)
      : new LocalVideoTrack(stream as unknown as MediaStreamTrack, undefined, true);
  track.source = source === 'microphone' ? Track.Source.Microphone : Track.Source.Camera;
  const info = { sid: `TR_${++sid}`, name: source, source: source === 'microphone' ? 2 : 1, muted: false };
  const publication = new LocalTrackPublication(
    kind === 'audio' ? Track.Kind.Audio : Track.Kind.Video,
    info as unknown as ConstructorParameters<typeof LocalTrackPublication>[1],
    track,
  );
  const participant = room.localParticipant as unknown as {
    addTrackPublication(p: LocalTrackPublication): void;
  };
  participant.addTrackPublication(publication);
  room.localParticipant.emit(ParticipantEvent.LocalTrackPublished, publication);
  return { stream, track };
}

describe('fromLiveKitRoom', () => {
  it('needs an id before the room has connected (the room has no name yet)', () => {
    expect(() => fromLiveKitRoom(new Room())).toThrow(KeepCallError);
    expect(() => fromLiveKitRoom(new Room())).toThrow(/options\.id must be a non-empty string/);
  });

  it('reports connecting, connected, reconnecting and a local disconnect as joining, joined, reconnecting, left', async () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    expect(log.signals).toEqual([]);
    setState(room, ConnectionState.Connecting);
    setState(room, ConnectionState.Connected);
    setState(room, ConnectionState.Reconnecting);
    setState(room, ConnectionState.Connected);
    await room.disconnect();
    expect(log.types()).toEqual(['joining', 'joined', 'reconnecting', 'joined', 'left']);
  });

  it('never reads a signal-only reconnect as an end', () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connected);
    setState(room, ConnectionState.SignalReconnecting);
    setState(room, ConnectionState.Connected);
    expect(log.types()).toEqual(['joined', 'reconnecting', 'joined']);
  });

  it('reports a disconnect the server caused as closed, naming the reason', () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connected);
    serverDisconnect(room, DisconnectReason.ROOM_DELETED);
    expect(log.signals.at(-1)).toEqual({ type: 'closed', reason: 'room-deleted' });
  });

  it('reports a lost network as a failure: a timeout, and LiveKit giving up a reconnect without a reason', () => {
    const timedOut = new Room();
    const first = record(fromLiveKitRoom(timedOut, { id: 'standup' }));
    setState(timedOut, ConnectionState.Connected);
    serverDisconnect(timedOut, DisconnectReason.CONNECTION_TIMEOUT);
    expect(first.signals.at(-1)).toEqual({ type: 'closed', reason: 'failed: connection-timeout' });

    const gaveUp = new Room();
    const second = record(fromLiveKitRoom(gaveUp, { id: 'standup' }));
    setState(gaveUp, ConnectionState.Connected);
    setState(gaveUp, ConnectionState.Reconnecting);
    serverDisconnect(gaveUp, undefined as unknown as DisconnectReason);
    expect(second.signals.at(-1)).toEqual({ type: 'closed', reason: 'failed: reconnect gave up' });
  });

  it('can join again after leaving: the same room connecting anew reads as joining', async () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connected);
    await room.disconnect();
    setState(room, ConnectionState.Connecting);
    expect(log.types()).toEqual(['joined', 'left', 'joining']);
  });

  it('derives media from the local microphone and camera publications', async () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connecting);
    // Before the join the engine already assumes a live microphone: publishing it tells it nothing new.
    const mic = publish(room, 'microphone');
    expect(log.types()).toEqual(['joining']);
    publish(room, 'camera');
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: true, muted: false } });
    await (mic.track as LocalAudioTrack).mute();
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: true, muted: true } });
    expect(mic.stream.enabled).toBe(false);
  });

  it('counts audio for a participant allowed to publish before the microphone is published', () => {
    const room = new Room();
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    setState(room, ConnectionState.Connected);
    expect(log.signals.at(-1)).toMatchObject({ type: 'joined', media: { audio: false, muted: true } });
    // What the server's join response grants; the SDK applies it through setPermissions.
    const grant = {
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      hidden: false,
      recorder: false,
    };
    room.localParticipant.setPermissions({
      ...grant,
      canPublishSources: [],
      canSubscribeMetrics: false,
    } as unknown as Parameters<typeof room.localParticipant.setPermissions>[0]);
    expect(log.signals.at(-1)).toEqual({ type: 'media', media: { audio: true, video: false, muted: true } });
  });

  it('mutes and unmutes the published microphone through setMicrophoneEnabled', async () => {
    const room = new Room();
    const call = fromLiveKitRoom(room, { id: 'standup' });
    const log = record(call);
    setState(room, ConnectionState.Connecting);
    const mic = publish(room, 'microphone');
    await call.setMuted(true);
    expect(room.localParticipant.isMicrophoneEnabled).toBe(false);
    expect(mic.stream.enabled).toBe(false);
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { muted: true } });
    await call.setMuted(false);
    expect(room.localParticipant.isMicrophoneEnabled).toBe(true);
    expect(mic.stream.enabled).toBe(true);
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { muted: false } });
  });

  it('turns the published camera off and on through setCameraEnabled', async () => {
    const room = new Room();
    const call = fromLiveKitRoom(room, { id: 'standup' });
    const log = record(call);
    setState(room, ConnectionState.Connecting);
    const camera = publish(room, 'camera');
    await call.setCameraEnabled?.(false);
    expect(room.localParticipant.isCameraEnabled).toBe(false);
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { video: false } });
    await call.setCameraEnabled?.(true);
    expect(camera.stream.enabled).toBe(true);
    expect(log.signals.at(-1)).toMatchObject({ type: 'media', media: { video: true } });
  });

  it('hangs up with disconnect(), which stops the local tracks', async () => {
    const room = new Room();
    const call = fromLiveKitRoom(room, { id: 'standup' });
    const log = record(call);
    setState(room, ConnectionState.Connected);
    const mic = publish(room, 'microphone');
    await call.hangup();
    expect(room.state).toBe(ConnectionState.Disconnected);
    expect(mic.stream.readyState).toBe('ended');
    expect(log.types()).toContain('left');
    expect(log.types()).not.toContain('closed');
  });

  it('reports where the room already stands when tracked late, and nothing once unsubscribed', async () => {
    const room = new Room();
    setState(room, ConnectionState.Connected);
    const log = record(fromLiveKitRoom(room, { id: 'standup' }));
    expect(log.types()).toEqual(['joined']);
    log.stop();
    await room.disconnect();
    expect(log.types()).toEqual(['joined']);
  });
});

describe('the LiveKit Room behind keepcall’s call', () => {
  it('sdkCall and liveKitRoomOf give back the Room, typed; another adapter’s call has none', () => {
    const room = new Room();
    const adapted = fromLiveKitRoom(room, { id: 'room-1' });
    expect(adapted.sdkCall).toBe(room);
    const found = liveKitRoomOf(adapted);
    expectTypeOf(found).toEqualTypeOf<Room | undefined>();
    expect(found).toBe(room);
    expect(liveKitRoomOf({ ...adapted })).toBeUndefined();
  });
});
