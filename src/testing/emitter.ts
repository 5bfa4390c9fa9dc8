// Delivers port events to the JavaScript side's listeners, synchronously and in order, the way
// a test wants to observe them; a JavaScript reload drops every listener.
import type { PortEvent } from '../core/types';

/** The listener registry behind a model's `subscribe`; it numbers what happens on the device. */
export interface EventHub {
  subscribe(listener: (event: PortEvent, seq: number) => void): () => void;
  emit(event: PortEvent): void;
  /** The next number in the device's order, for a command taking effect now. */
  stamp(): number;
  /** Forgets every listener, as a JavaScript reload or a dead process does. */
  clear(): void;
  /** The latest events emitted, oldest first: at most HISTORY_LIMIT, so a long run stays flat. */
  readonly history: PortEvent[];
}

/**
 * How many entries a model keeps in `log` and in its hub's `history`: the most recent ones. A test
 * asserts on what just happened; a million-step run must not grow without bound.
 */
export const HISTORY_LIMIT = 1000;

/** Appends `item`, dropping the oldest entries beyond HISTORY_LIMIT (a ring over a plain array). */
export function appendBounded<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > HISTORY_LIMIT) list.shift();
}

/** Creates an event hub. */
export function createEventHub(): EventHub {
  let listeners: ((event: PortEvent, seq: number) => void)[] = [];
  const history: PortEvent[] = [];
  let seq = 0;
  return {
    history,
    stamp: () => ++seq,
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
    emit(event) {
      appendBounded(history, event);
      const at = ++seq;
      for (const listener of listeners) listener(event, at);
    },
    clear() {
      listeners = [];
    },
  };
}

/** One rule a model applied, for the device's `log`. */
export interface RuleLogEntry {
  /** A PLATFORM_RULES id such as `A2` or `I8`. */
  rule: string;
  what: string;
  /** Virtual time when it applied. */
  at: number;
}
