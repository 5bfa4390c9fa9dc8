// Media Session: what the browser's media controls (and, in Chrome, the picture-in-picture
// window's conferencing buttons, W3) show for the call, and which of their buttons work.

import type { KeepCallError } from '../core/errors';
import type { MediaSessionAction, MediaSessionSpec } from '../core/types';
import type { MediaSessionLike, WebEnv } from './env';
import type { UnsupportedOnce } from './unsupported';

const ALL_ACTIONS: readonly MediaSessionAction[] = [
  'hangup',
  'togglemicrophone',
  'togglecamera',
  'enterpictureinpicture',
];

/** What a Media Session button does; the port turns these into port events. */
export type MediaSessionHandlers = Record<MediaSessionAction, (spec: MediaSessionSpec) => void>;

/** Applies `web.session` specs to `navigator.mediaSession` and remembers what it applied. */
export class MediaSessionDriver {
  private current: MediaSessionSpec | null = null;
  /** Actions whose handler the browser accepted; the rest are unsupported here. */
  private readonly registered = new Set<MediaSessionAction>();

  /** Wires the driver to the browser and to what each button does. */
  constructor(
    private readonly env: WebEnv,
    private readonly handlers: MediaSessionHandlers,
    private readonly unsupported: UnsupportedOnce,
  ) {}

  /** The spec last applied, or null. */
  get spec(): MediaSessionSpec | null {
    return this.current;
  }

  /** Sets (or clears, for null) the session; resolves to the first error to report, if any. */
  async apply(spec: MediaSessionSpec | null): Promise<KeepCallError | undefined> {
    const session = this.env.mediaSession;
    this.current = spec;
    if (!session) {
      return spec ? this.unsupported.report('mediaSession', 'navigator.mediaSession is missing') : undefined;
    }
    session.metadata =
      spec && this.env.createMetadata
        ? this.env.createMetadata({ title: spec.title, artist: spec.artist })
        : null;
    for (const action of ALL_ACTIONS)
      this.setHandler(session, action, spec?.actions.includes(action) ?? false);
    if (spec) {
      await callOptional(session, 'setMicrophoneActive', spec.microphoneActive);
      await callOptional(session, 'setCameraActive', spec.cameraActive);
    }
    return undefined;
  }

  /** Whether the browser holds a handler keepcall set for this action. */
  hasHandler(action: MediaSessionAction): boolean {
    return this.registered.has(action);
  }

  private setHandler(session: MediaSessionLike, action: MediaSessionAction, wanted: boolean): void {
    if (!wanted) {
      if (this.registered.delete(action)) trySet(session, action, null);
      return;
    }
    if (this.registered.has(action)) return; // the handler reads `this.current`: no need to reset it
    if (trySet(session, action, () => this.current && this.handlers[action](this.current))) {
      this.registered.add(action);
      return;
    }
    // The other buttons still work: the session is set, this one action is missing here.
    this.unsupported.reportPartial(`mediaSession.${action}`, `setActionHandler('${action}') was refused`);
  }
}

/** Browsers throw a TypeError for actions they do not know; that is "unsupported", not a crash. */
function trySet(
  session: MediaSessionLike,
  action: MediaSessionAction,
  handler: (() => void) | null,
): boolean {
  try {
    session.setActionHandler(action, handler);
    return true;
  } catch {
    return false;
  }
}

async function callOptional(
  session: MediaSessionLike,
  method: 'setMicrophoneActive' | 'setCameraActive',
  active: boolean,
): Promise<void> {
  const fn = session[method];
  if (typeof fn !== 'function') return;
  try {
    await fn.call(session, active);
  } catch {
    // Chrome rejects these when the page is not capturing; the state is advisory, so move on.
  }
}
