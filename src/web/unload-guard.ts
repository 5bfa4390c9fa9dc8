// Asks "Leave site?" before the page is closed or reloaded during a call, when the app wants it
// (config `web.beforeUnloadGuard`). Installed only while a call is live, so it never blocks
// the back/forward cache outside calls.

import type { RuntimeState } from '../core/engine/contract';
import type { KeepCallApi } from '../core/facade';

type Target = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** Whether the guard should be up for this state. */
export function wantsUnloadGuard(state: RuntimeState): boolean {
  return state.model.config.web.beforeUnloadGuard && state.model.calls.size > 0;
}

/** Follows the engine's state and holds the `beforeunload` guard while a call is live. */
export function installUnloadGuard(
  api: Pick<KeepCallApi, 'on'>,
  target: Target | undefined = pageWindow(),
): () => void {
  if (!target) return () => undefined;
  let armed = false;
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Older Chromium and Safari still need returnValue set to show the prompt.
    event.returnValue = '';
  };
  const set = (want: boolean) => {
    if (want === armed) return;
    armed = want;
    if (want) target.addEventListener('beforeunload', onBeforeUnload);
    else target.removeEventListener('beforeunload', onBeforeUnload);
  };
  const stop = api.on((event) => {
    if (event.type === 'change') set(wantsUnloadGuard(event.state));
  });
  return () => {
    stop();
    set(false);
  };
}

function pageWindow(): Target | undefined {
  const g = globalThis as { addEventListener?: unknown };
  return typeof g.addEventListener === 'function' ? (globalThis as unknown as Target) : undefined;
}
