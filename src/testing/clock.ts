// A virtual clock shared by a platform model and the runtime under test, so that one
// `advance(ms)` moves both: deadlines, timeouts and debounces fire in time order, never in real time.

/** A clock with the runtime's `Clock` shape plus `advance`, driven only by the test. */
export interface VirtualClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Moves time forward, running every timer that falls due, in order of due time. */
  advance(ms: number): void;
  /** How many timers are set and not yet fired or cleared: 0 once everything under test let go. */
  pending(): number;
}

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** The default start time: a plausible epoch, and never 0 so that "unset" bugs show. */
export const VIRTUAL_EPOCH = 1_750_000_000_000;

/** Creates a virtual clock starting at `start` ms since epoch. */
export function createVirtualClock(start: number = VIRTUAL_EPOCH): VirtualClock {
  let now = start;
  let nextId = 1;
  let timers: Timer[] = [];
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { id: nextId++, due: now + Math.max(0, ms), fn };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`advance(ms): ms must be a finite number >= 0, got ${String(ms)}`);
      }
      const target = now + ms;
      for (;;) {
        let first: Timer | undefined;
        for (const timer of timers) {
          if (timer.due <= target && (first === undefined || timer.due < first.due)) first = timer;
        }
        if (first === undefined) break;
        const fired = first;
        timers = timers.filter((timer) => timer !== fired);
        now = Math.max(now, fired.due);
        fired.fn();
      }
      now = target;
    },
    pending: () => timers.length,
  };
}
