// The web port: runs the engine's `web.*` commands on the browser and reports what the user and
// the page lifecycle do. Every feature is detected; a missing one fails its first command with
// `unsupported` and is a silent no-op afterwards, so the engine reports it exactly once.
import { KeepCallError } from '../core/errors';
import type {
  AppState,
  Command,
  Keeper,
  MediaSessionSpec,
  PlatformInfo,
  Port,
  PortEvent,
} from '../core/types';
import { defaultEnv, type WebEnv } from './env';
import { pageAppState, watchLifecycle } from './lifecycle';
import { MediaSessionDriver } from './media-session';
import { parseWorkerMessage } from './messages';
import { NotificationDriver } from './notification';
import { type PipAction, type PipDecorator, PipWindow } from './pip';
import { UnloadGuardDriver } from './unload-guard';
import { UnsupportedOnce } from './unsupported';
import { WakeLockDriver } from './wake-lock';

export interface WebPortOptions {
  /** The browser surface; the page's globals by default (tests pass fakes). */
  env?: WebEnv;
  /** Adds the app's own content (its video, say) to the picture-in-picture window. */
  decoratePictureInPicture?: PipDecorator;
  /** Names this page to keepcall's worker; random by default. */
  pageId?: string;
}

/** The web port, plus what the web entry needs around it. */
export interface WebPort extends Port {
  /** This page's name to keepcall's worker; the web policy ends its notification's tag with `#pageId`. */
  readonly pageId: string;
  /** The app state the page is in now, for the runtime's initial model. */
  appState(): AppState;
  /** What the web policy decides with: this page's name, its notification buttons (W5), picture-in-picture (W3). */
  platformInfo(): PlatformInfo;
  /**
   * Features missing in this browser that a command could do without (one Media Session action the
   * browser refuses): reported once each here, while the rest of the command still applies.
   * Wholly missing features fail their first command with `unsupported` instead.
   */
  onUnsupported(listener: (error: KeepCallError) => void): () => void;
  /** Whether keepcall set a Media Session handler for this action (for status panels and tests). */
  hasMediaSessionHandler(action: MediaSessionSpec['actions'][number]): boolean;
  /** Detaches every listener; leaves what is shown as it is. */
  dispose(): void;
}

/** Creates the port over the page's browser APIs. */
export function createWebPort(options: WebPortOptions = {}): WebPort {
  const env = options.env ?? defaultEnv();
  const unsupported = new UnsupportedOnce();
  const listeners = new Set<(event: PortEvent) => void>();
  const emit = (event: PortEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  // What a command could do without is reported through the engine, which never holds it.
  unsupported.onPartial((error, feature) => emit({ type: 'unsupported', feature, message: error.message }));

  const pip = new PipWindow(
    env,
    (action, spec) => emit(pipEvent(action, spec)),
    () => emit({ type: 'app', state: pageAppState(env, pip.open) }),
    options.decoratePictureInPicture,
  );
  const session = new MediaSessionDriver(
    env,
    {
      hangup: (spec) => emit({ type: 'hangup', callId: spec.callId, source: 'mediaSession' }),
      togglemicrophone: (spec) =>
        emit({ type: 'mute', callId: spec.callId, muted: spec.microphoneActive, source: 'mediaSession' }),
      togglecamera: (spec) =>
        emit({ type: 'camera', callId: spec.callId, enabled: !spec.cameraActive, source: 'mediaSession' }),
      enterpictureinpicture: (spec) => void pip.show(spec).catch(() => undefined),
    },
    unsupported,
  );
  const pageId = options.pageId ?? randomId();
  const notification = new NotificationDriver(env, unsupported, pageId);
  const wakeLock = new WakeLockDriver(env, unsupported);
  const unloadGuard = new UnloadGuardDriver(env);

  let detach: (() => void) | undefined;
  const attach = () => {
    void notification.introduce();
    const stopLifecycle = watchLifecycle(env, () => pip.open, {
      app: (state) => emit({ type: 'app', state }),
      // Re-announcing the state makes the engine look at the device again (snapshot + reconcile).
      resumed: () => emit({ type: 'app', state: pageAppState(env, pip.open) }),
      unloading: () => notification.closeFromWorker(),
    });
    const stopWorker = env.listenToWorker?.((raw) => {
      const message = parseWorkerMessage(raw);
      if (message?.pageId !== pageId) return; // another tab's notification
      if (message.type === 'action') {
        const { callId } = message;
        emit(
          message.action === 'hangup'
            ? { type: 'hangup', callId, source: 'notification' }
            : { type: 'tap', callId },
        );
      } else if (message.type === 'app') {
        emit({ type: 'action', callId: message.callId, id: message.id });
      } else if (message.type === 'dismissed') {
        emit({ type: 'notification.dismissed' });
      }
    });
    const stopPermissions = watchPermissions(env, emit);
    detach = () => {
      stopLifecycle();
      stopWorker?.();
      stopPermissions();
    };
  };

  async function run(command: Command): Promise<void> {
    let error: KeepCallError | undefined;
    switch (command.kind) {
      case 'web.session': {
        error = await session.apply(command.session);
        pip.update(command.session);
        break;
      }
      case 'web.notification':
        error = await notification.apply(command.notification);
        break;
      case 'web.wakeLock':
        error = await wakeLock.apply(command.held);
        break;
      case 'web.unloadGuard':
        unloadGuard.apply(command.armed);
        break;
      default:
        throw new KeepCallError('port-failed', `the web port cannot run '${command.kind}'`);
    }
    if (error) throw error;
  }

  return {
    run,
    async snapshot(): Promise<Keeper> {
      return {
        web: {
          session: session.spec,
          notification: await notification.snapshot(),
          wakeLock: wakeLock.held,
          unloadGuard: unloadGuard.held,
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!detach) attach();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          detach?.();
          detach = undefined;
        }
      };
    },
    pageId,
    onUnsupported: (listener) => unsupported.onPartial(listener),
    appState: () => pageAppState(env, pip.open),
    platformInfo: () => ({
      os: 'web',
      declared: [],
      pageId,
      pictureInPicture: env.pictureInPicture !== undefined,
      ...(env.notificationMaxActions !== undefined && { notificationActions: env.notificationMaxActions }),
    }),
    hasMediaSessionHandler: (action) => session.hasHandler(action),
    dispose() {
      listeners.clear();
      detach?.();
      detach = undefined;
    },
  };
}

function pipEvent(action: PipAction, spec: MediaSessionSpec): PortEvent {
  if (action.type === 'hangup') return { type: 'hangup', callId: spec.callId, source: 'mediaSession' };
  if (action.type === 'mute')
    return { type: 'mute', callId: spec.callId, muted: action.muted, source: 'mediaSession' };
  return { type: 'camera', callId: spec.callId, enabled: action.enabled, source: 'mediaSession' };
}

/** Reports permission changes (the user can revoke the microphone or notifications at any time). */
function watchPermissions(env: WebEnv, emit: (event: PortEvent) => void): () => void {
  let stopped = false;
  const names = [
    ['notifications', 'notifications'],
    ['microphone', 'microphone'],
    ['camera', 'camera'],
  ] as const;
  for (const [query, name] of names) {
    env.permissions
      ?.query({ name: query })
      .then((status) => {
        const report = () => {
          if (stopped) return;
          const value = status.state === 'prompt' ? 'unknown' : status.state;
          emit({ type: 'permission', name, value });
        };
        report();
        status.addEventListener('change', report);
      })
      .catch(() => undefined); // Firefox and Safari do not know every name: nothing to watch
  }
  return () => {
    stopped = true;
  };
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
