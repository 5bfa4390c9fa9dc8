// The binding in an Android bundle (Metro picks this file). The native module reports the app state
// and the permissions itself, so React Native's AppState is not used, and PermissionsAndroid only asks
// for POST_NOTIFICATIONS. This module registers the headless task, so package.json lists it in
// sideEffects.
import { AppRegistry, PermissionsAndroid } from 'react-native';
import { createBinding, HEADLESS_TASK, keepAliveTask } from './binding';
import { nativeOrMissing } from './missing';
import NativeKeepCall from './NativeKeepCall';
import { checks, platformFor } from './platform';

/** The binding over the real TurboModule, which surface.ts builds keepcall's exports from. */
export const binding = createBinding({
  native: nativeOrMissing(NativeKeepCall),
  platformFor,
  checks,
  permissions: { request: (permission) => PermissionsAndroid.request(permission as never) },
});

// Cold start only: when the app is open, the service's events reach the running runtime instead.
AppRegistry.registerHeadlessTask(HEADLESS_TASK, () => () => keepAliveTask(binding.KeepCall));
