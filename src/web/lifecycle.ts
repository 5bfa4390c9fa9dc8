// Page Lifecycle → the engine's app state. Hidden is `background` (or `pip` while keepcall's
// picture-in-picture window shows the call), frozen is `background`, a page unloaded for good
// is `destroyed`; `resume` asks the engine to look at the device again.
import type { AppState } from '../core/types';
import type { WebEnv } from './env';

/** What the lifecycle watcher reports. */
export interface LifecycleListener {
  app(state: AppState): void;
  /** The page was frozen and runs again: the device may have changed meanwhile. */
  resumed(): void;
  /** The page is being unloaded for good (not into the back/forward cache). */
  unloading(): void;
}

/** The app state the page is in now. */
export function pageAppState(env: WebEnv, pipOpen: boolean): AppState {
  const visibility = env.document?.visibilityState ?? 'visible';
  if (visibility === 'visible') return 'active';
  return pipOpen ? 'pip' : 'background';
}

/** Subscribes to the page's lifecycle events; returns the unsubscribe function. */
export function watchLifecycle(
  env: WebEnv,
  isPipOpen: () => boolean,
  listener: LifecycleListener,
): () => void {
  const doc = env.document;
  const win = env.window;
  // A visible page being unloaded gets its `visibilitychange` to hidden after `pagehide`: taken as
  // `background`, it would undo `destroyed` and the dying page would show the ongoing-call
  // notification that nothing then closes. Once unloaded for good, only a `pageshow` counts again.
  let unloaded = false;
  const onVisibility = () => {
    if (!unloaded) listener.app(pageAppState(env, isPipOpen()));
  };
  const onFreeze = () => {
    if (!unloaded) listener.app('background');
  };
  const onResume = () => {
    if (unloaded) return;
    listener.app(pageAppState(env, isPipOpen()));
    listener.resumed();
  };
  const onPageHide = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) {
      listener.app('background');
      return;
    }
    unloaded = true;
    listener.unloading();
    listener.app('destroyed');
  };
  const onPageShow = (event: Event) => {
    unloaded = false;
    if ((event as PageTransitionEvent).persisted) onResume();
  };
  doc?.addEventListener('visibilitychange', onVisibility);
  doc?.addEventListener('freeze', onFreeze);
  doc?.addEventListener('resume', onResume);
  win?.addEventListener('pagehide', onPageHide);
  win?.addEventListener('pageshow', onPageShow);
  return () => {
    doc?.removeEventListener('visibilitychange', onVisibility);
    doc?.removeEventListener('freeze', onFreeze);
    doc?.removeEventListener('resume', onResume);
    win?.removeEventListener('pagehide', onPageHide);
    win?.removeEventListener('pageshow', onPageShow);
  };
}
