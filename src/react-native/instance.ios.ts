// The binding in an iOS bundle (Metro picks this file for `./instance`): iOS's kit and port half only, so
// the bundle carries neither Android's nor the web's code. The app state comes from React Native's
// AppState; there is no runtime permission to ask for and no headless task (both are Android's).
import { AppState } from 'react-native';
import { createBinding } from './binding';
import { checks } from './checks';
import { iosPlatform } from './ios';
import { nativeOrMissing } from './missing';
import NativeKeepCall from './NativeKeepCall';

/** The binding over the real TurboModule, which index.ts builds keepcall's exports from. */
export const binding = createBinding({
  native: nativeOrMissing(NativeKeepCall),
  platformFor: () => iosPlatform,
  checks,
  appState: AppState,
});
