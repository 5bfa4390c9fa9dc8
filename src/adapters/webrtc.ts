// A plain `RTCPeerConnection` and the app's local tracks as keepcall sees them. Typed structurally so
// react-native-webrtc's connection works as well as the browser's.
import { KeepCallError } from '../core/errors';
import type { CallLike, Media } from '../core/types';
import { type AdapterPhase, createNotifier, type Reading, signalSource } from './signals';

/** The part of a local `MediaStreamTrack` the adapter reads and drives. */
export interface LocalTrackLike {
  readonly kind: string;
  enabled: boolean;
  readonly readyState: string;
  stop(): void;
  addEventListener(type: 'ended', listener: () => void): void;
  removeEventListener(type: 'ended', listener: () => void): void;
}

/** The part of an `RTCPeerConnection` the adapter reads and drives. */
export interface PeerConnectionLike {
  readonly connectionState?: string;
  readonly iceConnectionState?: string;
  getSenders(): readonly { readonly track: LocalTrackLike | null }[];
  close(): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Options for {@link fromPeerConnection}. */
export interface PeerConnectionCallOptions {
  /** The call's id (the connection has none of its own). */
  id: string;
  /** The person the notification and CallKit show; none by default. */
  displayName?: string;
  /** The local tracks whose state is the call's media; the senders' tracks by default. */
  localTracks?: () => readonly LocalTrackLike[];
  /**
   * What a hang-up does (e.g. tell the signaling server); the connection is closed and the tracks
   * stopped after it, even when it throws (the network being down is when users hang up).
   */
  onHangup?: () => void | Promise<void>;
  /**
   * Whether the app calls `restartIce()` when the connection fails: `failed` then reads as a reconnect
   * (the keeper stays, so the call can come back in the background) until it recovers or is closed.
   * Off by default: a connection nobody restarts stays failed, and its keeper must go.
   */
  restartsIce?: boolean;
}

/** A `CallLike` over a peer connection; call `refresh()` after changing a track's `enabled` yourself. */
export interface PeerConnectionCall extends CallLike {
  /** Re-reads the connection and the tracks (a track's `enabled` changes without an event). */
  refresh(): void;
}

const PHASES: Readonly<Record<string, AdapterPhase>> = {
  new: 'joining',
  connecting: 'joining',
  checking: 'joining',
  connected: 'joined',
  completed: 'joined',
  // ICE may recover from `disconnected` on its own: that is a reconnect, not an end.
  disconnected: 'reconnecting',
  failed: 'closed',
  closed: 'closed',
};

// `connectionState` where supported, else the older ICE state; only they say when the call is live.
const STATE_EVENTS = ['connectionstatechange', 'iceconnectionstatechange', 'negotiationneeded'];

/** Turns an `RTCPeerConnection` (plus its local tracks) into a `CallLike`. */
export function fromPeerConnection(
  connection: PeerConnectionLike,
  options: PeerConnectionCallOptions,
): PeerConnectionCall {
  if (typeof options?.id !== 'string' || options.id === '') {
    throw new KeepCallError(
      'invalid-config',
      `fromPeerConnection: options.id must be a non-empty string; given ${JSON.stringify(options?.id)}`,
    );
  }
  const tracks = (): readonly LocalTrackLike[] =>
    options.localTracks?.() ??
    connection.getSenders().flatMap((sender) => (sender.track === null ? [] : [sender.track]));
  // `close()` fires no event, so a hang-up through this adapter is remembered and reported as `left`.
  let hungUp = false;
  const notifier = createNotifier();
  const read = (): Reading => {
    const state = connection.connectionState ?? connection.iceConnectionState ?? 'new';
    const phase = state === 'failed' && options.restartsIce ? 'reconnecting' : (PHASES[state] ?? 'joining');
    const media = readMedia(tracks());
    if (hungUp) return { phase: 'left', media };
    return phase === 'closed' ? { phase, media, reason: state } : { phase, media };
  };
  const watched = new Set<LocalTrackLike>();
  const onTrackEnded = (): void => notifier.notify();
  const watchTracks = (): void => {
    for (const track of tracks()) {
      if (watched.has(track)) continue;
      watched.add(track);
      track.addEventListener('ended', onTrackEnded);
    }
  };
  const unwatchTracks = (): void => {
    for (const track of watched) track.removeEventListener('ended', onTrackEnded);
    watched.clear();
  };
  let subscribers = 0;
  const subscribe = signalSource(read, (onChange) => {
    const onState = (): void => {
      watchTracks();
      notifier.notify();
    };
    const stop = notifier.watch(onChange);
    for (const event of STATE_EVENTS) connection.addEventListener(event, onState);
    watchTracks();
    subscribers += 1;
    return () => {
      stop();
      for (const event of STATE_EVENTS) connection.removeEventListener(event, onState);
      // Untracked: let go of the tracks so the call holds nothing of them.
      if (--subscribers === 0) unwatchTracks();
    };
  });
  return {
    id: options.id,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    subscribe,
    refresh: () => {
      watchTracks();
      notifier.notify();
    },
    hangup: async () => {
      if (hungUp) return;
      try {
        await options.onHangup?.();
      } finally {
        const local = tracks();
        connection.close();
        // Stopping releases the microphone and camera: after a hang-up from the notification the
        // system's capture indicator must go out.
        for (const track of local) track.stop();
        unwatchTracks();
        hungUp = true;
        notifier.notify();
      }
    },
    setMuted: async (muted) => {
      for (const track of tracks()) if (track.kind === 'audio') track.enabled = !muted;
      notifier.notify();
    },
    // Disabling (not stopping) lets the camera come back without a new getUserMedia from the background.
    setCameraEnabled: async (enabled) => {
      for (const track of tracks()) if (track.kind === 'video') track.enabled = enabled;
      notifier.notify();
    },
  };
}

function readMedia(tracks: readonly LocalTrackLike[]): Media {
  const live = tracks.filter((track) => track.readyState !== 'ended');
  const audio = live.filter((track) => track.kind === 'audio');
  return {
    audio: audio.length > 0,
    video: live.some((track) => track.kind === 'video' && track.enabled),
    muted: !audio.some((track) => track.enabled),
  };
}
