// Android's half of the port: the foreground-service methods, the service's snapshot, and what the
// service, the notification, the activity and the permissions report.
import { androidKit } from '../core/android/kit';
import { FGS_PERMISSION } from '../core/android/policy';
import { isErrorCode } from '../core/errors';
import type { AppState, FgsType, Permission, Permissions, PortEvent } from '../core/types';
import type { NativeContext, NativeParts, NativePlatform, PermissionSource } from './port';
import { POST_NOTIFICATIONS, toAppState } from './port';

/** The runtime permission each model permission is read from (POST_NOTIFICATIONS exists from API 33). */
export const ANDROID_PERMISSIONS: Record<keyof Permissions, string> = {
  microphone: 'android.permission.RECORD_AUDIO',
  camera: 'android.permission.CAMERA',
  notifications: POST_NOTIFICATIONS,
};

/** The service types keepcall knows (the policy's), in the order given; anything else native reports is dropped. */
function fgsTypes(types: readonly string[]): FgsType[] {
  return types.filter((type): type is FgsType => Object.keys(FGS_PERMISSION).includes(type));
}

/** Reads one permission; POST_NOTIFICATIONS is granted by default below API 33. */
async function readPermission(
  source: PermissionSource,
  name: keyof Permissions,
  apiLevel: number,
): Promise<Permission> {
  if (name === 'notifications' && apiLevel < 33) return 'granted';
  try {
    return (await source.check(ANDROID_PERMISSIONS[name])) ? 'granted' : 'denied';
  } catch {
    return 'unknown';
  }
}

function connect({ native, info, appState, permissions }: NativeContext): NativeParts {
  return {
    platform: {
      os: 'android',
      declared: [...info.declared],
      apiLevel: info.apiLevel,
      targetSdk: info.targetSdk,
      serviceTypes: fgsTypes(info.serviceTypes),
    },
    send(command) {
      if (command.kind === 'service.stop') return native.stopService();
      if (command.kind === 'service.start') return native.startService(command.notification, command.types);
      if (command.kind === 'service.update') return native.updateService(command.notification, command.types);
      return Promise.reject(new Error(`${command.kind} is not an Android command`));
    },
    keeper({ service }) {
      const running = service.running && service.notification;
      return {
        android: running ? { notification: running, types: fgsTypes(service.types) } : null,
      };
    },
    listen(listener) {
      const known: Partial<Permissions> = {};
      let closed = false;
      async function checkPermissions() {
        if (!permissions) return;
        for (const name of Object.keys(ANDROID_PERMISSIONS) as (keyof Permissions)[]) {
          const value = await readPermission(permissions, name, info.apiLevel);
          if (closed || known[name] === value) continue;
          known[name] = value;
          listener({ type: 'permission', name, value });
        }
      }
      const app = createAppStateMerger(toAppState(appState.currentState), (state) => {
        listener({ type: 'app', state });
        if (state === 'active') void checkPermissions();
      });
      const send = (event: PortEvent) => () => listener(event);
      const subscriptions = [
        appState.addEventListener('change', app.fromReactNative),
        native.onAppStateChanged((e) => app.fromNative(e.state)),
        native.onHangup((e) => listener({ ...e, type: 'hangup' })),
        native.onMute((e) => listener({ ...e, type: 'mute' })),
        native.onNotificationDismissed(send({ type: 'notification.dismissed' })),
        native.onServiceStarted((e) => listener({ type: 'service.started', types: fgsTypes(e.types) })),
        native.onServiceNarrowed((e) =>
          listener({ type: 'service.narrowed', types: fgsTypes(e.types), reason: e.reason }),
        ),
        native.onServiceFailed((e) =>
          listener({
            type: 'service.failed',
            code: isErrorCode(e.code) ? e.code : 'port-failed',
            message: e.exception ? `${e.exception}: ${e.message}` : e.message,
          }),
        ),
        native.onServiceTimeout(send({ type: 'service.timeout' })),
        native.onServiceStopped(send({ type: 'service.stopped' })),
        native.onServiceDestroyed(send({ type: 'service.stopped' })),
        native.onTaskRemoved(send({ type: 'task.removed' })),
      ];
      return {
        ready: checkPermissions(),
        remove() {
          closed = true;
          for (const subscription of subscriptions) subscription.remove();
        },
      };
    },
  };
}

/**
 * React Native's AppState says `background` in picture-in-picture; native code knows better. Both
 * report on the same pause, in either order, so a native `pip` wins until the app is active or
 * native code says it left picture-in-picture.
 */
function createAppStateMerger(initial: AppState, emit: (state: AppState) => void) {
  let pip = false;
  let last: AppState = initial;
  const set = (state: AppState) => {
    if (state === last) return;
    last = state;
    emit(state);
  };
  return {
    fromReactNative(state: string) {
      const next = toAppState(state);
      if (next === 'active') pip = false;
      if (pip && next !== 'active') return;
      set(next);
    },
    fromNative(state: 'active' | 'background' | 'pip' | 'destroyed') {
      pip = state === 'pip';
      set(state);
    },
  };
}

/** keepcall on Android: the Android kit and the service's half of the port. */
export const androidPlatform: NativePlatform = { kit: androidKit, connect };
