// What resolved plugin props demand of the native projects. The plugin writes exactly this, and
// `keepcall doctor` compares a generated project against it to spot a stale prebuild.
import {
  FGS_PERMISSION,
  LIBRARY_SERVICE_TYPES,
  PROFILE_TYPES,
  WHILE_IN_USE_PERMISSION,
} from '../core/android/service-types';
import type { FgsType } from '../core/types';
import type { ResolvedPluginProps } from './props';

/** keepcall's foreground service, as the library's android/src/main/AndroidManifest.xml declares it. */
export const KEEPCALL_SERVICE = 'dev.keepcall.KeepCallService';

/** The types the library manifest declares on that service (an app narrows them with `tools:replace`),
 * and the types each profile uses: the engine's own lists, so plugin, doctor and policy cannot drift. */
export const KEEPCALL_LIBRARY_TYPES = LIBRARY_SERVICE_TYPES;
export { PROFILE_TYPES };

/**
 * The `FOREGROUND_SERVICE_<TYPE>` permission each service type Android defines needs on API 34+ (A3):
 * keepcall's own types from the engine's table, and the others, which doctor checks on the app's services.
 */
export const TYPE_PERMISSION: Readonly<Record<string, string>> = {
  ...FGS_PERMISSION,
  connectedDevice: 'FOREGROUND_SERVICE_CONNECTED_DEVICE',
  dataSync: 'FOREGROUND_SERVICE_DATA_SYNC',
  health: 'FOREGROUND_SERVICE_HEALTH',
  location: 'FOREGROUND_SERVICE_LOCATION',
  mediaProcessing: 'FOREGROUND_SERVICE_MEDIA_PROCESSING',
  mediaProjection: 'FOREGROUND_SERVICE_MEDIA_PROJECTION',
  remoteMessaging: 'FOREGROUND_SERVICE_REMOTE_MESSAGING',
  specialUse: 'FOREGROUND_SERVICE_SPECIAL_USE',
  systemExempted: 'FOREGROUND_SERVICE_SYSTEM_EXEMPTED',
  // shortService needs no type permission of its own.
};

/** The runtime permission a while-in-use service type needs granted (A4): the engine's table. */
export const TYPE_RUNTIME_PERMISSION: Readonly<Record<string, string>> = WHILE_IN_USE_PERMISSION;

export interface AndroidRequirements {
  /** Service types on keepcall's service, in manifest order. */
  types: FgsType[];
  /** Short permission names (`FOREGROUND_SERVICE_MICROPHONE`). */
  permissions: string[];
}

export interface IosRequirements {
  backgroundModes: string[];
  usageDescriptions: { key: 'NSMicrophoneUsageDescription' | 'NSCameraUsageDescription'; text: string }[];
}

/** The Android service types and permissions the props ask for; `null` when Android was not asked for. */
export function androidRequirements(props: ResolvedPluginProps): AndroidRequirements | null {
  if (!props.android) return null;
  const { profile, camera } = props.android;
  const types = PROFILE_TYPES[profile].filter((type) => camera || type !== 'camera');
  const permissions = ['FOREGROUND_SERVICE', ...types.map((type) => FGS_PERMISSION[type])];
  if (profile === 'phoneCall') permissions.push('MANAGE_OWN_CALLS');
  permissions.push('POST_NOTIFICATIONS', 'WAKE_LOCK', 'RECORD_AUDIO');
  if (camera) permissions.push('CAMERA');
  return { types, permissions };
}

/** The background modes and usage descriptions the props ask for. */
export function iosRequirements(props: ResolvedPluginProps): IosRequirements {
  const backgroundModes = props.ios.voip ? ['audio', 'voip'] : ['audio'];
  const usageDescriptions: IosRequirements['usageDescriptions'] = [];
  if (props.ios.microphonePermission !== null) {
    usageDescriptions.push({ key: 'NSMicrophoneUsageDescription', text: props.ios.microphonePermission });
  }
  if (props.ios.cameraPermission !== null) {
    usageDescriptions.push({ key: 'NSCameraUsageDescription', text: props.ios.cameraPermission });
  }
  return { backgroundModes, usageDescriptions };
}
