// The binding in an iOS bundle (Metro picks this file): the app state comes from React Native's
// AppState; there is no runtime permission to ask for and no headless task (both are Android's).
import { AppState } from 'react-native';
import { createBinding } from './binding';
import { nativeOrMissing } from './missing';
import NativeKeepCall from './NativeKeepCall';
import { checks, platformFor } from './platform';

/** The binding over the real TurboModule, which surface.ts builds keepcall's exports from. */
export const binding = createBinding({
  native: nativeOrMissing(NativeKeepCall),
  platformFor,
  checks,
  appState: AppState,
});
