// Time and timers, injectable so tests and models run on a virtual clock.

/** Time and timers, injectable so tests and models run on a virtual clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The wall clock and the host's timers. */
export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One of the engine's timers: at most one timeout set at a time, and when it fires. */
export interface Timer {
  timeout?: unknown;
  firesAt?: number;
}

/** Sets `timer` to call `fn` after `ms`, in place of what it was set to; it unsets itself as it fires. */
export function setTimer(clock: Clock, timer: Timer, ms: number, fn: () => void): void {
  clearTimer(clock, timer);
  timer.timeout = clock.setTimeout(() => {
    timer.timeout = undefined;
    fn();
  }, ms);
}

/** Cancels `timer` if it is set. */
export function clearTimer(clock: Clock, timer: Timer): void {
  if (timer.timeout !== undefined) clock.clearTimeout(timer.timeout);
}
