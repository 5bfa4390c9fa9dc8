// Android's half of the port: the foreground-service methods, the service's snapshot, and what the
// service, the notification and the Activity lifecycle report. The app state and the permissions come
// from the native module too: it follows the Activity lifecycle, where React Native's AppState says
// `background` at a pause, so a permission dialog over a visible activity would hold back a start
// Android allows (A2); and it reads the permissions again each time the app becomes active (A6).
import { androidKit } from '../core/android/kit';
import { notificationPermissionNeeded } from '../core/android/notification-permission';
import { FGS_PERMISSION } from '../core/android/policy';
import { isErrorCode } from '../core/errors';
import type { AppState, FgsType, NotificationSpec, Permission, Permissions, PortEvent } from '../core/types';
import type { NativePermissions } from './NativeKeepCall';
import type { NativeContext, NativeParts, NativePlatform } from './port';

/** The service types keepcall knows (the policy's), in the order given; anything else native reports is dropped. */
function fgsTypes(types: readonly string[]): FgsType[] {
  return types.filter((type): type is FgsType => Object.keys(FGS_PERMISSION).includes(type));
}

function connect({ native, info }: NativeContext): NativeParts {
  return {
    platform: {
      os: 'android',
      declared: [...info.declared],
      apiLevel: info.apiLevel,
      targetSdk: info.targetSdk,
      serviceTypes: fgsTypes(info.serviceTypes),
    },
    notificationPermissionNeeded: notificationPermissionNeeded(info.apiLevel),
    // The spec's strings hold only the values its doc comments list (test/native checks the Kotlin):
    // asserting keepcall's unions here and below costs nothing at run time.
    app: (info.appState ?? 'active') as AppState,
    permissions: info.permissions as Permissions | undefined,
    send(command) {
      if (command.kind === 'service.stop') return native.stopService();
      if (command.kind === 'service.start')
        return native.startService(command.notification, command.types, command.fallbacks);
      if (command.kind === 'service.update')
        return native.updateService(command.notification, command.types, command.fallbacks);
      return Promise.reject(new Error(`${command.kind} is not an Android command`));
    },
    keeper({ service }) {
      const running = service.running && service.notification;
      return {
        android: running
          ? { notification: running as NotificationSpec, types: fgsTypes(service.types) }
          : null,
      };
    },
    listen(listener) {
      const send = (event: PortEvent) => () => listener(event);
      const subscriptions = [
        native.onAppStateChanged(({ state, permissions }) => {
          // Before the state: a return to the foreground then decides with what was granted while away.
          if (permissions) {
            for (const name of Object.keys(permissions) as (keyof NativePermissions)[]) {
              listener({ type: 'permission', name, value: permissions[name] as Permission });
            }
          }
          listener({ type: 'app', state: state as AppState });
        }),
        native.onHangup((e) => listener({ ...e, type: 'hangup' } as PortEvent)),
        native.onMute((e) => listener({ ...e, type: 'mute' } as PortEvent)),
        native.onNotificationDismissed(send({ type: 'notification.dismissed' })),
        native.onNotificationTapped((e) => listener({ ...e, type: 'tap' })),
        native.onNotificationAction((e) => listener({ ...e, type: 'action' })),
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
      return () => {
        for (const subscription of subscriptions) subscription.remove();
      };
    },
  };
}

/** keepcall on Android: the Android kit and the service's half of the port. */
export const androidPlatform: NativePlatform = { kit: androidKit, connect };
