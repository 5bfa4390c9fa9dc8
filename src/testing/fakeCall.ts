// A scriptable CallLike for tests: the test emits the SDK's signals and reads what keepcall asked of it.
import { DEFAULT_MEDIA } from '../core/engine/calls';
import type { CallLike, CallSignal, Media } from '../core/types';
import { checkKnownKeys } from './validate';

export interface FakeCallOptions {
  displayName?: string;
  /** Emit `left` when hung up, as real SDKs do; default true. */
  leaveOnHangup?: boolean;
  /** Emit a `media` signal with the new mute state when muted, as real SDKs do; default true. */
  echoMute?: boolean;
  /** Make hangup() reject with this error. */
  failHangup?: Error;
}

/** A CallLike the test drives. */
export interface FakeCall extends CallLike {
  /** Sends a signal to every subscriber, as the SDK would. */
  emit(signal: CallSignal): void;
  /** Shortcuts for the common signals. */
  joining(): void;
  joined(at: number, media?: Partial<Media>): void;
  left(): void;
  /** How many times keepcall called hangup(). */
  readonly hangups: number;
  /** Every value keepcall passed to setMuted(), in order. */
  readonly muteCalls: readonly boolean[];
  /** How many listeners are subscribed now (0 after untrack). */
  readonly listenerCount: number;
  /** The media last signalled. */
  readonly media: Media;
}

// The media a joined call has unless a test says otherwise: what the engine assumes until a call says.
export { DEFAULT_MEDIA };

/** Creates a fake call with the given id. */
export function createFakeCall(id: string, options: FakeCallOptions = {}): FakeCall {
  if (typeof id !== 'string' || id === '') {
    throw new RangeError(`id: got ${JSON.stringify(id)}, allowed: a non-empty string`);
  }
  checkKnownKeys(options, ['displayName', 'leaveOnHangup', 'echoMute', 'failHangup']);
  // Replaced, never mutated, on (un)subscribe: emit walks the array it started with.
  let listeners: ((signal: CallSignal) => void)[] = [];
  let hangups = 0;
  const muteCalls: boolean[] = [];
  // The media last signalled, as given: copied when read, not on every signal (benches emit millions).
  let media: Media = DEFAULT_MEDIA;
  let joined = false;

  const emit = (signal: CallSignal) => {
    switch (signal.type) {
      case 'joined':
        joined = true;
        media = signal.media;
        break;
      case 'media':
        media = signal.media;
        break;
      case 'left':
      case 'closed':
        joined = false;
        break;
    }
    for (const listener of listeners) listener(signal);
  };

  const call: FakeCall = {
    id,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    hangup() {
      hangups += 1;
      if (options.failHangup !== undefined) return Promise.reject(options.failHangup);
      if (options.leaveOnHangup ?? true) emit({ type: 'left' });
      return Promise.resolve();
    },
    setMuted(muted) {
      muteCalls.push(muted);
      if ((options.echoMute ?? true) && joined) emit({ type: 'media', media: { ...media, muted } });
      return Promise.resolve();
    },
    emit,
    joining: () => emit({ type: 'joining' }),
    joined: (at, partial = {}) => emit({ type: 'joined', at, media: { ...DEFAULT_MEDIA, ...partial } }),
    left: () => emit({ type: 'left' }),
    get hangups() {
      return hangups;
    },
    get muteCalls() {
      return muteCalls;
    },
    get listenerCount() {
      return listeners.length;
    },
    get media() {
      return { ...media };
    },
  };
  return call;
}
