// A CometChat-style session status listener as keepcall sees it. The app registers `call.listener`
// with its SDK (`callSession.addSessionStatusListener(call.listener)`) and tracks `call`; the SDK's
// callbacks then drive the keeper the way `launch()`/`abort()` would, without the hand-wiring.
import { DEFAULT_MEDIA } from '../core/engine/calls';
import { KeepCallError } from '../core/errors';
import type { CallLike, Media } from '../core/types';
import { type AdapterPhase, createNotifier, type Reading, signalSource } from './signals';

/** The callbacks a CometChat-style SDK calls on a session status listener. */
export interface SessionStatusListener {
  onSessionJoined(): void;
  onSessionLeft(): void;
  onSessionTimedOut(): void;
  onConnectionLost(): void;
  onConnectionRestored(): void;
  onConnectionClosed(): void;
}

/** Options for {@link fromSessionStatus}. */
export interface SessionStatusOptions {
  /** The session's id. */
  id: string;
  /** The person the notification and CallKit show; none by default. */
  displayName?: string;
  /** Leaves the session (e.g. `callSession.leaveSession()`); the SDK then calls `onSessionLeft`. */
  leave: () => void | Promise<void>;
  /** Mutes or unmutes the local audio (e.g. `callSession.muteAudio(muted)`). */
  setMuted: (muted: boolean) => void | Promise<void>;
  /** Turns the local camera on or off (e.g. `callSession.pauseVideo(!enabled)`); without it the camera button is not offered. */
  setCameraEnabled?: (enabled: boolean) => void | Promise<void>;
  /** The session's media until `setMedia` says otherwise; audio on, unmuted, no video by default. */
  media?: Partial<Media>;
}

/** A `CallLike` fed by a session status listener. */
export interface SessionStatusCall extends CallLike {
  /** Register this with the SDK's `addSessionStatusListener`. */
  readonly listener: SessionStatusListener;
  /** Reports that the app has started joining (the listener has no such callback; iOS needs it, I4). */
  joining(): void;
  /** Reports a media change the SDK announced elsewhere (camera on, mute from the SDK's own UI). */
  setMedia(media: Partial<Media>): void;
}

/** Turns a CometChat-style session status listener into a `CallLike`. */
export function fromSessionStatus(options: SessionStatusOptions): SessionStatusCall {
  for (const field of ['leave', 'setMuted'] as const) {
    if (typeof options?.[field] !== 'function') {
      throw new KeepCallError(
        'invalid-config',
        `fromSessionStatus: options.${field} must be a function; given ${typeof options?.[field]}`,
      );
    }
  }
  if (typeof options.id !== 'string' || options.id === '') {
    throw new KeepCallError(
      'invalid-config',
      `fromSessionStatus: options.id must be a non-empty string; given ${JSON.stringify(options.id)}`,
    );
  }
  let phase: AdapterPhase = 'idle';
  let reason: string | undefined;
  let media: Media = { ...DEFAULT_MEDIA, ...options.media };
  const notifier = createNotifier();
  const move = (next: AdapterPhase, why?: string): void => {
    phase = next;
    reason = why;
    notifier.notify();
  };
  const read = (): Reading =>
    phase === 'closed' && reason !== undefined ? { phase, media, reason } : { phase, media };
  const listener: SessionStatusListener = {
    onSessionJoined: () => move('joined'),
    onSessionLeft: () => move('left'),
    onSessionTimedOut: () => move('closed', 'session-timed-out'),
    // The SDK retries on its own after a lost connection; only `onConnectionClosed` is final.
    onConnectionLost: () => move('reconnecting'),
    onConnectionRestored: () => move('joined'),
    onConnectionClosed: () => move('closed', 'connection-closed'),
  };
  return {
    id: options.id,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    listener,
    joining: () => move('joining'),
    setMedia: (next) => {
      media = { ...media, ...next };
      notifier.notify();
    },
    subscribe: signalSource(read, notifier.watch),
    hangup: async () => {
      await options.leave();
    },
    setMuted: async (muted) => {
      await options.setMuted(muted);
      media = { ...media, muted };
      notifier.notify();
    },
    ...(options.setCameraEnabled === undefined
      ? {}
      : {
          setCameraEnabled: async (enabled: boolean) => {
            await options.setCameraEnabled?.(enabled);
            media = { ...media, video: enabled };
            notifier.notify();
          },
        }),
  };
}
