// The one piece every adapter shares: read the SDK's state whenever it says something changed,
// and forward to keepcall only what actually changed (phase first, then media). SDKs repeat
// states (a BehaviorSubject replays, LiveKit re-emits on reconnect), so deduplicating here keeps
// the engine's input small and makes "subscribe" report where the call already stands.
import { DEFAULT_MEDIA } from '../core/engine/calls';
import type { CallSignal, Media } from '../core/types';

/** Where an SDK's call stands, in keepcall's words; `idle` means not yet started. */
export type AdapterPhase = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'left' | 'closed';

/** One reading of an SDK's call. */
export interface Reading {
  phase: AdapterPhase;
  media: Media;
  /** Why the call closed, when `phase` is `closed`. */
  reason?: string;
}

/** Subscribes to the SDK's own change notifications; returns the unsubscribe. */
export type Watch = (onChange: () => void) => () => void;

const ACTIVE: ReadonlySet<AdapterPhase> = new Set(['joining', 'joined', 'reconnecting']);

/** Builds a `CallLike.subscribe` that reports the SDK's current state at once, then every change. */
export function signalSource(
  read: () => Reading,
  watch: Watch,
  now: () => number = Date.now,
): (listener: (signal: CallSignal) => void) => () => void {
  // Shared by every subscriber so the notification's timer survives reconnects and re-subscribes.
  let joinedAt: number | undefined;
  // The last session's join time: a new session's is later, even within the same millisecond.
  let lastJoinedAt = Number.NEGATIVE_INFINITY;
  return (listener) => {
    let phase: AdapterPhase = 'idle';
    let media: Media | undefined;
    let joinedOnce = false;
    let stopped = false;
    const update = (): void => {
      if (stopped) return;
      const raw = read();
      const reading = joinedOnce || raw.phase === 'joined' ? raw : { ...raw, media: beforeJoin(raw.media) };
      if (reading.phase !== phase) {
        const previous = phase;
        phase = reading.phase;
        const signal = toSignal(reading, previous);
        // An end closes the session: a join after it is a new one, with a time of its own (the engine
        // drops a `joined` no newer than the end, so reusing the old time would leave it joining).
        if (!ACTIVE.has(phase)) {
          joinedAt = undefined;
          media = undefined;
          joinedOnce = false;
        } else if (!ACTIVE.has(previous)) {
          media = DEFAULT_MEDIA; // what the engine assumes until a `media` says otherwise
        }
        if (signal?.type === 'joined') {
          joinedAt ??= Math.max(now(), lastJoinedAt + 1);
          lastJoinedAt = joinedAt;
          joinedOnce = true;
          media = reading.media;
          listener({ type: 'joined', at: joinedAt, media: reading.media });
          return;
        }
        if (signal) listener(signal);
        // `joining` and `reconnecting` carry no media: what the SDK already knows (a camera turned on
        // in the lobby, a mute during the reconnect) follows as a `media` signal, checked below.
      }
      if (ACTIVE.has(phase) && (media === undefined || !sameMedia(media, reading.media))) {
        media = reading.media;
        listener({ type: 'media', media: reading.media });
      }
    };
    const unwatch = watch(update);
    update();
    return () => {
      stopped = true;
      unwatch();
    };
  };
}

function toSignal(reading: Reading, previous: AdapterPhase): CallSignal | { type: 'joined' } | undefined {
  switch (reading.phase) {
    case 'joining':
      return { type: 'joining' };
    case 'joined':
      return { type: 'joined' };
    case 'reconnecting':
      return { type: 'reconnecting' };
    // An end is only news to a subscriber that saw the call live.
    case 'left':
      return ACTIVE.has(previous) ? { type: 'left' } : undefined;
    case 'closed':
      return ACTIVE.has(previous)
        ? reading.reason === undefined
          ? { type: 'closed' }
          : { type: 'closed', reason: reading.reason }
        : undefined;
    case 'idle':
      // A call that went back to idle from a live phase has ended without saying so.
      return ACTIVE.has(previous) ? { type: 'left' } : undefined;
  }
}

/**
 * What is worth telling the engine before the join completes: the camera (its service type must be
 * there before the app can leave the foreground) and a mute of a microphone that exists. The
 * microphone stays assumed until the join says otherwise: its tracks often come only with the join,
 * and a call started without the microphone type stays silent in the background.
 */
function beforeJoin(media: Media): Media {
  return { audio: true, video: media.video, muted: media.audio && media.muted };
}

/** Whether two media readings are the same. */
export function sameMedia(a: Media, b: Media): boolean {
  return a.audio === b.audio && a.video === b.video && a.muted === b.muted;
}

/** A listener set that fans one SDK callback out to every watcher. */
export function createNotifier(): { watch: Watch; notify: () => void } {
  const listeners = new Set<() => void>();
  return {
    watch: (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    notify: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}
