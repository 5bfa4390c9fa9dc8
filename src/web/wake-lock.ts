// Screen Wake Lock while a video call is visible. The browser releases it when the page is
// hidden and refuses it until the page is visible again (W4): the snapshot then says "not
// held", and the engine's reconcile on return requests it anew.
import { KeepCallError } from '../core/errors';
import type { WakeLockSentinelLike, WebEnv } from './env';
import type { UnsupportedOnce } from './unsupported';

/** Requests and releases the screen wake lock; knows whether the browser still honours it. */
export class WakeLockDriver {
  private sentinel: WakeLockSentinelLike | undefined;

  /** Wires the driver to the browser. */
  constructor(
    private readonly env: WebEnv,
    private readonly unsupported: UnsupportedOnce,
  ) {}

  /** Whether a lock is held right now (false once the browser released it on hide). */
  get held(): boolean {
    return this.sentinel !== undefined && !this.sentinel.released;
  }

  /** Acquires or releases the lock; resolves to an error to report once when unsupported. */
  async apply(held: boolean): Promise<KeepCallError | undefined> {
    if (!held) {
      const sentinel = this.sentinel;
      this.sentinel = undefined;
      if (sentinel && !sentinel.released) await sentinel.release().catch(() => undefined);
      return undefined;
    }
    if (this.held) return undefined;
    const wakeLock = this.env.wakeLock;
    if (!wakeLock) return this.unsupported.report('wakeLock', 'navigator.wakeLock is missing');
    if (this.env.document && this.env.document.visibilityState !== 'visible') {
      throw new KeepCallError(
        'start-not-allowed',
        'a wake lock can only be requested while the page is visible (W4)',
      );
    }
    try {
      this.sentinel = await withDeadline(wakeLock.request('screen'));
    } catch (error) {
      if (error instanceof KeepCallError) throw error;
      throw new KeepCallError('start-not-allowed', `the browser refused the wake lock: ${String(error)}`, {
        cause: error,
      });
    }
    return undefined;
  }
}

/** How long a wake-lock request may take; a page hidden mid-request can leave it pending. */
const REQUEST_DEADLINE_MS = 3000;

/** The request's sentinel, or a `timeout` error; a sentinel arriving after the deadline is released. */
function withDeadline(request: Promise<WakeLockSentinelLike>): Promise<WakeLockSentinelLike> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(
        new KeepCallError('timeout', `the wake-lock request did not settle within ${REQUEST_DEADLINE_MS} ms`),
      );
    }, REQUEST_DEADLINE_MS);
    request.then(
      (sentinel) => {
        clearTimeout(timer);
        if (late) void sentinel.release().catch(() => undefined);
        else resolve(sentinel);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!late) reject(error);
      },
    );
  });
}
