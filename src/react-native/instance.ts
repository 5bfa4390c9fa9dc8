// The binding outside Metro (Node, and tools that know no platform files): both platforms, chosen by
// what the native module reports, with React Native's AppState for iOS and PermissionsAndroid for
// Android's notification request. Metro picks instance.android.ts or instance.ios.ts instead. This
// module registers the headless task, so package.json lists it in sideEffects.
// biome-ignore lint/correctness/useReactNativePlatformComponents: PermissionsAndroid is only called on Android: requestNotificationPermission returns early elsewhere.
import { AppRegistry, AppState, PermissionsAndroid } from 'react-native';
import { androidPlatform } from './android';
import { createBinding, HEADLESS_TASK, keepAliveTask } from './binding';
import { checks } from './checks';
import { iosPlatform } from './ios';
import { nativeOrMissing } from './missing';
import NativeKeepCall from './NativeKeepCall';

/** The binding over the real TurboModule, which index.ts builds keepcall's exports from. */
export const binding = createBinding({
  native: nativeOrMissing(NativeKeepCall),
  platformFor: (os) => (os === 'android' ? androidPlatform : iosPlatform),
  checks,
  appState: AppState,
  permissions: { request: (permission) => PermissionsAndroid.request(permission as never) },
});

// Cold start only: when the app is open, the service's events reach the running runtime instead.
AppRegistry.registerHeadlessTask(HEADLESS_TASK, () => () => keepAliveTask(binding.KeepCall));
