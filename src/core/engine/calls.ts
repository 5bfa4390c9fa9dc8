// Turns a call's signals into model changes. Duplicated, late and out-of-order signals change nothing.

import { KeepCallError } from '../errors';
import type { Model } from '../model';
import type { CallKitEndReason, CallLike, CallPhase, CallSignal, CallState, Media } from '../types';
import type { Clock } from './clock';

/** What the engine remembers about a tracked call beyond the model. */
export interface CallHandle {
  call: CallLike;
  unsubscribe: () => void;
  /** The `at` of the last join; a `joined` no newer than the end it preceded is stale. */
  lastJoinedAt?: number;
  /** The session's join time, or the clock's time of the end when its join was never seen. */
  endedAt?: number;
  phaseBeforeHold?: CallPhase;
}

interface CallEventsOptions {
  model: Model;
  clock: Clock;
  handles: Map<string, CallHandle>;
  /** A call entered the model: new, or back after it ended. */
  added(callId: string): void;
  removeCall(callId: string, reason: CallKitEndReason): void;
  /** A change that lets failed commands be tried again (audio or video turned on). */
  retry(): void;
  changed(): void;
  /** What went wrong handling a signal: reported, never thrown into the SDK's emitter. */
  failed(error: unknown): void;
}

/** How many ended calls stay reachable by id (a hang-up from a lingering notification); older ones go. */
const RETAINED_ENDED = 8;

/** The media the engine gives a call it first hears of through `joining` or `reconnecting`, until told. */
export const DEFAULT_MEDIA: Media = { audio: true, video: false, muted: false };

/**
 * Whether media turned on (a new call's audio included): that may let a service type through that a
 * refusal held back (A4, A5), so it is a retry moment.
 */
export function mediaTurnedOn(before: Media | undefined, after: Media): boolean {
  return (after.audio && !before?.audio) || (after.video && !before?.video);
}

/** Tracks calls: subscribes to their signals and folds them into the model. */
export function callEvents(options: CallEventsOptions) {
  const { model, handles } = options;
  // Calls that ended but were never untracked: still subscribed (the SDK may join them again), but
  // beyond the last few no longer held by id, so an app that never untracks does not grow memory.
  // An ended call found again (tracked again, or joining again) comes back from here.
  const retired = new WeakMap<CallLike, CallHandle>();
  const endedIds: string[] = [];
  let stopped = false;

  function upsert(call: CallLike, patch: Partial<CallState>) {
    const current = model.calls.get(call.id);
    if (!current) options.added(call.id);
    const base: CallState = current ?? {
      id: call.id,
      phase: 'joining',
      media: DEFAULT_MEDIA,
      seenAt: options.clock.now(),
      order: model.nextOrder++,
    };
    const next: CallState = { ...base, ...patch };
    if (mediaTurnedOn(current?.media, next.media)) options.retry();
    if (call.displayName !== undefined) next.displayName = call.displayName;
    model.calls.set(call.id, next);
    model.lingerUntil = 0;
  }

  function onSignal(own: CallHandle, signal: CallSignal) {
    if (stopped) return;
    try {
      handleSignal(own, signal);
    } catch (error) {
      options.failed(error);
    }
  }

  function handleSignal(own: CallHandle, signal: CallSignal) {
    const { call } = own;
    let handle = handles.get(call.id);
    if (
      handle === undefined &&
      retired.get(call) === own &&
      signal.type !== 'left' &&
      signal.type !== 'closed'
    ) {
      handles.set(call.id, own);
      handle = own;
    }
    if (handle !== own) return;
    model.now = options.clock.now();
    const current = model.calls.get(call.id);
    switch (signal.type) {
      case 'joining':
        if (current) return;
        // endedAt stays: a late `joined` from the session that ended must not complete this one.
        upsert(call, { phase: 'joining' });
        break;
      case 'joined': {
        if (handle.endedAt !== undefined && signal.at <= handle.endedAt) return;
        handle.endedAt = undefined;
        const phase: CallPhase = current?.phase === 'held' ? 'held' : 'joined';
        if (current && handle.lastJoinedAt !== undefined && signal.at <= handle.lastJoinedAt) {
          // A repeated or late join: it may end a reconnect, but its media is older than what we know.
          upsert(call, { phase });
          break;
        }
        handle.lastJoinedAt = signal.at;
        const joinedAt = current?.joinedAt ?? signal.at;
        // The most recently joined call is the one the notification shows.
        const order = current?.joinedAt === undefined ? model.nextOrder++ : current.order;
        upsert(call, { phase, joinedAt, order, media: { ...signal.media } });
        break;
      }
      case 'reconnecting':
        // Unknown but never ended (e.g. re-announced after a reload): a reconnecting call is still a call.
        if (current?.phase === 'held' || (!current && handle.endedAt !== undefined)) return;
        upsert(call, { phase: 'reconnecting' });
        break;
      case 'left':
      case 'closed':
        if (!current) {
          // Ended before keepcall knew it live (tracked again after a reload): what comes late from it is stale.
          handle.endedAt ??= endOf(handle);
          return;
        }
        options.removeCall(call.id, signal.type === 'left' ? 'local' : endReason(signal.reason));
        break;
      case 'media':
        if (!current) return;
        upsert(call, { media: { ...signal.media } });
        break;
    }
    options.changed();
  }

  return {
    /** Starts following a call; returns the function that stops. */
    track(call: CallLike): () => void {
      const previous = handles.get(call.id);
      if (previous?.call === call) return () => untrack(previous);
      const again = retired.get(call);
      if (again) {
        if (previous) {
          previous.unsubscribe();
          retired.delete(previous.call);
        }
        handles.set(call.id, again);
        return () => untrack(again);
      }
      const handle: CallHandle = { call, unsubscribe: () => {} };
      // Registered first, so what an SDK replays while subscribing counts; the call it replaces keeps
      // listening until the new one is in place, and stays tracked if subscribing throws.
      handles.set(call.id, handle);
      let unsubscribe: unknown;
      try {
        unsubscribe = call.subscribe((signal) => onSignal(handle, signal));
      } catch (error) {
        if (previous) handles.set(call.id, previous);
        else handles.delete(call.id);
        throw new KeepCallError('invalid-config', `track: subscribe() threw: ${error}`, { cause: error });
      }
      if (typeof unsubscribe === 'function') handle.unsubscribe = unsubscribe as () => void;
      if (previous) {
        previous.unsubscribe();
        retired.delete(previous.call);
      }
      return () => untrack(handle);
    },
    /** The call ended: what comes late from its session is stale; the oldest ended calls are let go. */
    ended(callId: string) {
      const handle = handles.get(callId);
      if (!handle) return;
      handle.endedAt = endOf(handle);
      retired.set(handle.call, handle);
      endedIds.push(callId);
      while (endedIds.length > RETAINED_ENDED) {
        const id = endedIds.shift() as string;
        const old = handles.get(id);
        if (old?.endedAt !== undefined && !model.calls.has(id)) handles.delete(id);
      }
    },
    /** I9: the system held or unheld the call: its phase follows, back to where it was when unheld. */
    hold(callId: string, held: boolean) {
      const call = model.calls.get(callId);
      const handle = handles.get(callId);
      if (!call || !handle) return;
      if (held && call.phase !== 'held') handle.phaseBeforeHold = call.phase;
      model.calls.set(callId, { ...call, phase: held ? 'held' : (handle.phaseBeforeHold ?? 'joined') });
    },
    /** Stops following every call. */
    untrackAll() {
      stopped = true;
      for (const handle of handles.values()) handle.unsubscribe();
      handles.clear();
    },
  };

  // A join this runtime never saw (it began under a runtime since rebuilt) happened before the end:
  // `at` is a time on the clock (the notification's timer counts from it), so a `joined` from that
  // session is no later than now, and a new session's is later.
  function endOf(handle: CallHandle): number {
    return handle.lastJoinedAt ?? options.clock.now();
  }

  function untrack(handle: CallHandle) {
    const { call } = handle;
    handle.unsubscribe();
    retired.delete(call);
    if (handles.get(call.id) !== handle) return;
    handles.delete(call.id);
    // An untracked call is no longer kept alive: nothing of it may remain on the device.
    if (model.calls.has(call.id)) {
      options.removeCall(call.id, 'local');
      options.changed();
    }
  }
}

function endReason(reason: string | undefined): CallKitEndReason {
  return reason !== undefined && /fail|error|lost/i.test(reason) ? 'failed' : 'remote';
}

/** The call tracker callEvents returns. */
export type CallTracker = ReturnType<typeof callEvents>;
