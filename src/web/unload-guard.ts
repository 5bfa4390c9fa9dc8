// The "Leave site?" prompt before the page is closed or reloaded during a call. The web policy decides
// when (config `web.beforeUnloadGuard`, while a call is tracked) and sends `web.unloadGuard`; this only
// holds the `beforeunload` listener, and only while asked, so it never keeps the page out of the
// back/forward cache outside calls.
import type { WebEnv } from './env';

/** Adds and removes keepcall's `beforeunload` listener; knows whether it is armed. */
export class UnloadGuardDriver {
  private armed = false;

  /** Wires the driver to the page's window (none: nothing to guard, as in a worker or Node). */
  constructor(private readonly env: WebEnv) {}

  /** Whether the page asks before unloading. */
  get held(): boolean {
    return this.armed;
  }

  /** Arms or disarms the prompt. */
  apply(armed: boolean): void {
    if (armed === this.armed) return;
    this.armed = armed;
    if (armed) this.env.window?.addEventListener('beforeunload', onBeforeUnload);
    else this.env.window?.removeEventListener('beforeunload', onBeforeUnload);
  }
}

function onBeforeUnload(event: Event): void {
  event.preventDefault();
  // Older Chromium and Safari still need returnValue set to show the prompt.
  (event as BeforeUnloadEvent).returnValue = '';
}
