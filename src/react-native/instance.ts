// The binding over the real TurboModule and React Native's AppState and PermissionsAndroid. Each
// export is built on its own (and marked pure), so a bundler that drops unused exports keeps only
// what the app imports. This module registers the headless task, so package.json lists it in sideEffects.
// biome-ignore lint/correctness/useReactNativePlatformComponents: PermissionsAndroid is only called on Android: by android.ts's half of the port and by requestNotificationPermission, which returns early elsewhere.
import { AppRegistry, AppState, PermissionsAndroid } from 'react-native';
import {
  createBinding,
  createOngoingCallService,
  createOngoingNotification,
  keepAliveTask,
  notificationChannelCreator,
  notificationPermissionRequester,
} from './binding';
import NativeKeepCall from './NativeKeepCall';
import { checks, platformFor } from './platform';

/** The key KeepCallTaskService (Android) starts the headless JS task under. */
export const HEADLESS_TASK = 'KeepCallTask';

const binding = createBinding({
  native: NativeKeepCall,
  platformFor,
  ...(checks && { checks }),
  appState: AppState,
  permissions: {
    check: (permission) => PermissionsAndroid.check(permission as never),
    request: (permission) => PermissionsAndroid.request(permission as never),
  },
});

/** keepcall's engine on this device: `track(call)` keeps the call alive in the background. */
export const KeepCall = binding.KeepCall;

// Cold start only: when the app is open, the service's events reach the running runtime instead.
AppRegistry.registerHeadlessTask(HEADLESS_TASK, () => () => keepAliveTask(KeepCall));

/** Keeps a synthetic call alive without a calling SDK (CometChat's `launch()` / `abort()`). */
export const OngoingCallService = /* @__PURE__ */ createOngoingCallService(binding);
/** Replaces parts of the ongoing-call notification; creates its channel. */
export const OngoingNotification = /* @__PURE__ */ createOngoingNotification(binding);
/** Creates the notification channel (Android); the configured one unless given. */
export const createNotificationChannel = /* @__PURE__ */ notificationChannelCreator(binding);
/** Asks for POST_NOTIFICATIONS on Android 13+; resolves to the permission's state. */
export const requestNotificationPermission = /* @__PURE__ */ notificationPermissionRequester(binding);
