// The binding in an Android bundle (Metro picks this file for `./instance`): Android's kit and port half
// only, so the bundle carries neither iOS's nor the web's code. The native module reports the app state
// and the permissions itself, so React Native's AppState is not used, and PermissionsAndroid only asks
// for POST_NOTIFICATIONS. This module registers the headless task, so package.json lists it in sideEffects.
import { AppRegistry, PermissionsAndroid } from 'react-native';
import { androidPlatform } from './android';
import { createBinding, HEADLESS_TASK, keepAliveTask } from './binding';
import { checks } from './checks';
import { nativeOrMissing } from './missing';
import NativeKeepCall from './NativeKeepCall';

/** The binding over the real TurboModule, which index.ts builds keepcall's exports from. */
export const binding = createBinding({
  native: nativeOrMissing(NativeKeepCall),
  platformFor: () => androidPlatform,
  checks,
  permissions: { request: (permission) => PermissionsAndroid.request(permission as never) },
});

// Cold start only: when the app is open, the service's events reach the running runtime instead.
AppRegistry.registerHeadlessTask(HEADLESS_TASK, () => () => keepAliveTask(binding.KeepCall));
