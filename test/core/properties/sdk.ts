// The calling SDK's side of a property sequence: calls with arbitrary ids and names whose hangup() and
// setMuted() can fail, and the truth the invariants are measured against (what the SDK says, not what
// keepcall believes).
import fc from 'fast-check';
import type { CallLike, CallSignal, Media } from '../../../src/core/types';
import { DEFAULT_MEDIA } from '../../../src/testing';
import { broken } from './invariants';

/** One call as the SDK holds it. */
export interface SdkCall extends CallLike {
  /** Emits a signal the SDK means (it becomes the truth). */
  emit(signal: CallSignal): void;
  /** Re-delivers a signal without changing the truth (a duplicate, a late one, a re-announcement). */
  deliver(signal: CallSignal): void;
  /** The last signal of the SDK's own, `media` folded into a `joined`. */
  last: CallSignal | undefined;
  /** The current session's join, re-delivered late by the `late` move. */
  joined: CallSignal | undefined;
  /** What the SDK's microphone is: the last successful setMuted() or signalled media. */
  muted: boolean;
  /** The media the SDK last announced; undefined before a join (keepcall assumes DEFAULT_MEDIA). */
  media: Media | undefined;
  /** The SDK emitted a signal since keepcall was last rebuilt (late deliveries never cross a rebuild). */
  seenSinceReload: boolean;
  failHangup: boolean;
  failMute: boolean;
  /** keepcall asked the SDK to hang up (a surface) and the SDK did not: keepcall let the call go. */
  droppedByKeepcall: boolean;
  hangups: number;
  /** How many listeners are subscribed (the current runtime's, if it tracks the call). */
  readonly listenerCount: number;
}

/** Whether the SDK holds the call live (joining, joined or reconnecting). */
export function sdkLive(call: SdkCall): boolean {
  return call.last !== undefined && call.last.type !== 'left' && call.last.type !== 'closed';
}

/** The media keepcall must assume for a live call: announced, or its documented default. */
export function mediaOf(call: SdkCall): Media {
  return call.media ?? DEFAULT_MEDIA;
}

/** Creates one SDK call; a listener that throws into it is the `throw-into-sdk` invariant. */
export function createSdkCall(id: string, displayName: string | undefined): SdkCall {
  let listeners: ((signal: CallSignal) => void)[] = [];
  const send = (signal: CallSignal) => {
    for (const listener of [...listeners]) {
      try {
        listener(signal);
      } catch (error) {
        broken('throw-into-sdk', `a ${signal.type} signal for ${JSON.stringify(id)} threw: ${String(error)}`);
      }
    }
  };
  const call: SdkCall = {
    id,
    ...(displayName === undefined ? {} : { displayName }),
    last: undefined,
    joined: undefined,
    muted: false,
    media: undefined,
    seenSinceReload: false,
    failHangup: false,
    failMute: false,
    droppedByKeepcall: false,
    hangups: 0,
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    hangup() {
      call.hangups += 1;
      if (call.failHangup) {
        // keepcall let the call go when it asked: the SDK still holds it, keepcall no longer keeps it.
        if (sdkLive(call)) call.droppedByKeepcall = true;
        return Promise.reject(new Error('the SDK could not hang up (network down)'));
      }
      call.droppedByKeepcall = false;
      if (sdkLive(call)) call.emit({ type: 'left' });
      return Promise.resolve();
    },
    setMuted(muted) {
      if (call.failMute) return Promise.reject(new Error('the SDK could not change the microphone'));
      call.muted = muted;
      const last = call.last;
      if (last?.type === 'joined') call.emit({ type: 'media', media: { ...mediaOf(call), muted } });
      return Promise.resolve();
    },
    emit(signal) {
      call.seenSinceReload = true;
      if (signal.type === 'joining') {
        // A new session starts unmuted until the SDK says otherwise; late joins belong to a session.
        call.muted = false;
        call.joined = undefined;
        call.media = undefined;
        call.droppedByKeepcall = false;
      }
      if (signal.type === 'joined' || signal.type === 'media') {
        call.muted = signal.media.muted;
        call.media = { ...signal.media };
      }
      if (signal.type === 'joined') {
        call.joined = signal;
        call.droppedByKeepcall = false;
      }
      if (signal.type === 'media') {
        if (call.last?.type === 'joined') call.last = { ...call.last, media: signal.media };
      } else {
        call.last = signal;
      }
      send(signal);
    },
    deliver: send,
    get listenerCount() {
      return listeners.length;
    },
  };
  return call;
}

/** A signal step's move: one a real SDK could make next, a duplicate, or a late (reordered) one. */
export type SignalMove =
  | 'joining'
  | 'joined'
  | 'reconnecting'
  | 'left'
  | 'closed'
  | 'media'
  | 'repeat'
  | 'late';

const NEXT: Record<string, readonly SignalMove[]> = {
  idle: ['joining', 'joined'],
  joining: ['joined', 'left', 'closed'],
  joined: ['reconnecting', 'left', 'closed', 'media'],
  reconnecting: ['joined', 'left', 'closed'],
  left: ['joining', 'joined'],
  closed: ['joining', 'joined'],
};
/** Plays one signal move on a call, if the SDK could make it now. */
export function playSignal(
  call: SdkCall,
  move: SignalMove,
  media: Media,
  device: { clock: { now(): number }; advance(ms: number): void },
): void {
  const last = call.last;
  const state = last === undefined ? 'idle' : last.type === 'media' ? 'joined' : last.type;
  if (move === 'repeat') {
    if (last) call.deliver(last);
    return;
  }
  if (move === 'late') {
    if (!call.seenSinceReload) return;
    const joined = call.joined;
    if (joined !== undefined && state !== 'joined') call.deliver(joined);
    else if (state === 'left' || state === 'closed') call.deliver({ type: 'reconnecting' });
    return;
  }
  if (!NEXT[state]?.includes(move)) return;
  // `at` is a time on the device's clock, as the adapters give it; a join takes a moment, so a new
  // session's is later than an end the engine heard of before it.
  if (move === 'joined') device.advance(1);
  call.emit(signalFor(move, media, device.clock.now()));
}

function signalFor(move: SignalMove, media: Media, now: number): CallSignal {
  switch (move) {
    case 'joined':
      return { type: 'joined', at: now, media };
    case 'media':
      return { type: 'media', media };
    case 'closed':
      return { type: 'closed', reason: 'remote ended' };
    default:
      return { type: move } as CallSignal;
  }
}

/** After a reload the SDK announces its live calls again: the last signal, then the current media. */
export function reannounce(call: SdkCall): void {
  const last = call.last;
  if (!last || !sdkLive(call)) return;
  call.deliver(last);
  const media = mediaOf(call);
  call.deliver({ type: 'media', media: { ...media, muted: call.muted } });
}

/** A signal step's arbitraries: which of the three calls, which move, and the media it announces. */
export const callIndex = fc.integer({ min: 0, max: 2 });
export const move = fc.constantFrom<SignalMove>(
  'joining',
  'joined',
  'reconnecting',
  'left',
  'closed',
  'media',
  'repeat',
  'late',
);
export const media = fc.record({ audio: fc.boolean(), video: fc.boolean(), muted: fc.boolean() });
