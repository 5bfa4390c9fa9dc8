// The manifests the Android model assumes by default. The model is the test oracle, so these facts come
// from the library's own manifest and from PLATFORM_RULES (A3), never from the engine's policy.
import { TYPE_PERMISSION } from './rules';
import type { AndroidFgsType } from './types';

/**
 * The types keepcall's library manifest (android/src/main/AndroidManifest.xml) declares on its service;
 * test/testing checks the two agree.
 */
export const LIBRARY_SERVICE_TYPES: readonly AndroidFgsType[] = [
  'mediaPlayback',
  'microphone',
  'camera',
  'phoneCall',
];

/** The manifest permissions an app on keepcall's media profile declares (what the Expo plugin adds). */
export const MEDIA_PROFILE_PERMISSIONS: readonly string[] = [
  'FOREGROUND_SERVICE',
  ...(['mediaPlayback', 'microphone', 'camera'] as const).map((type) => TYPE_PERMISSION[type] as string),
  'POST_NOTIFICATIONS',
];
