// Timed retries: a failure no app-state change or grant announces the end of (a CallKit transaction
// refused while another app's call holds the line) is tried again after a while, doubling each time,
// so the call is not left unreported until the app next returns to the foreground. The loop owns it,
// as a work queue owns its backoff: the kit only says after how long (kit.retryAfterMs).
import type { Command } from '../types';
import { setTimer } from './clock';
import { type HeldCommand, heldKey } from './held';
import type { Engine } from './state';

// 1 s base: 1 + 2 + 4 + 8 + 16 s; retry moments go on after.
const MAX_TIMED_RETRIES = 5;

/** Calls `retry` after `ms` (doubled per earlier try of `command`); nothing without `ms` or past the last try. */
export function retryLater(e: Engine, command: Command, ms: number | undefined, retry: () => void): void {
  const key = heldKey(command);
  const count = e.tries.get(key) ?? 0;
  if (ms === undefined || e.disposed || count >= MAX_TIMED_RETRIES) return;
  e.tries.set(key, count + 1);
  // One timer: a retry moment retries every held command, so the latest failure's delay stands.
  setTimer(e.clock, e.retryTimer, ms * 2 ** count, retry);
}

/** `command` succeeded: its count starts again. */
export function succeeded(e: Engine, command: Command): void {
  if (e.tries.size > 0) e.tries.delete(heldKey(command));
}

/** A call back under the same id starts afresh: what its earlier self failed at no longer waits. */
export function forgetFailures(e: Engine, callId: string): void {
  // Both maps are keyed by the held form, which names the call.
  for (const map of [e.held, e.tries])
    for (const key of map.keys()) if ((JSON.parse(key) as HeldCommand).callId === callId) map.delete(key);
}
