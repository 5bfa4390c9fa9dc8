// The binding over the real TurboModule and React Native's AppState and PermissionsAndroid.
// biome-ignore lint/correctness/useReactNativePlatformComponents: used only when the native module reports Android; a .android.ts file would not survive the library build.
import { AppRegistry, AppState, PermissionsAndroid } from 'react-native';
import { createReactNativeKeepCall } from './binding';
import NativeKeepCall from './NativeKeepCall';
import { checks, platformFor } from './platform';

/** The key KeepCallTaskService (Android) starts the headless JS task under. */
export const HEADLESS_TASK = 'KeepCallTask';

const binding = createReactNativeKeepCall({
  native: NativeKeepCall,
  platformFor,
  ...(checks && { checks }),
  appState: AppState,
  permissions: {
    check: (permission) => PermissionsAndroid.check(permission as never),
    request: (permission) => PermissionsAndroid.request(permission as never),
  },
});

// Cold start only: when the app is open, the service's events reach the running runtime instead.
AppRegistry.registerHeadlessTask(HEADLESS_TASK, () => binding.keepAliveTask);

export const {
  KeepCall,
  OngoingCallService,
  OngoingNotification,
  createNotificationChannel,
  requestNotificationPermission,
} = binding;
