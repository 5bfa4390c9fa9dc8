import { FGS_PERMISSION, PROFILE_TYPES } from '../../core/android/policy';

/** The manifest permissions an app on keepcall's media profile declares (what the Expo plugin adds). */
export const MEDIA_PROFILE_PERMISSIONS: readonly string[] = [
  'FOREGROUND_SERVICE',
  ...PROFILE_TYPES.media.map((type) => FGS_PERMISSION[type]),
  'POST_NOTIFICATIONS',
];
