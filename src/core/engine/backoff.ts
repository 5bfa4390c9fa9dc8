// Timed retries: a failure no app-state change or grant announces the end of (a CallKit transaction
// refused while another app's call holds the line) is tried again after a while, doubling each time,
// so the call is not left unreported until the app next returns to the foreground. The loop owns it,
// as a work queue owns its backoff: the kit only says after how long.
import type { Clock } from './clock';
import { type HeldCommand, heldKey } from './held';

// 1 s base: 1 + 2 + 4 + 8 + 16 s; retry moments go on after.
const MAX_TIMED_RETRIES = 5;

/** One timer for timed retries, counting each held command's tries on its own. */
export function createBackoff(clock: Clock, retryMoment: () => void) {
  // Timed retries so far, per held command: a command that keeps failing does not use up another's.
  const tries = new Map<string, { callId: string | undefined; count: number }>();
  let timer: unknown;

  return {
    /** Retries everything held after `ms` (doubled per earlier try of `held`); none without `ms`. */
    retryLater(held: HeldCommand, ms: number | undefined) {
      const key = heldKey(held);
      const count = tries.get(key)?.count ?? 0;
      if (ms === undefined || count >= MAX_TIMED_RETRIES) return;
      tries.set(key, { callId: held.callId, count: count + 1 });
      // One timer: a retry moment retries every held command, so the latest failure's delay stands.
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = clock.setTimeout(
        () => {
          timer = undefined;
          retryMoment();
        },
        ms * 2 ** count,
      );
    },
    /** `held` succeeded: its count starts again. */
    succeeded(held: HeldCommand) {
      if (tries.size > 0) tries.delete(heldKey(held));
    },
    /** A call back under the same id starts afresh: its earlier self's tries no longer count. */
    forgetCall(callId: string) {
      for (const [key, entry] of tries) if (entry.callId === callId) tries.delete(key);
    },
    /** Cancels the timer. */
    stop() {
      if (timer !== undefined) clock.clearTimeout(timer);
    },
  };
}
