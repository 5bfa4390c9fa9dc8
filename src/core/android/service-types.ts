// keepcall's foreground-service types and what each one needs (PLATFORM_RULES A3, A4, A17): one home for
// the policy that asks for them, the Expo plugin that declares them and `keepcall doctor` that checks them.
import type { FgsProfile, FgsType } from '../types';

/** Manifest permission each service type needs on API 34+ (A3). */
export const FGS_PERMISSION: Record<FgsType, string> = {
  mediaPlayback: 'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
  microphone: 'FOREGROUND_SERVICE_MICROPHONE',
  camera: 'FOREGROUND_SERVICE_CAMERA',
  phoneCall: 'FOREGROUND_SERVICE_PHONE_CALL',
};

/** The service types each profile uses, in the order they are asked for. */
export const PROFILE_TYPES: Readonly<Record<FgsProfile, readonly FgsType[]>> = {
  media: ['mediaPlayback', 'microphone', 'camera'],
  phoneCall: ['phoneCall', 'microphone', 'camera'],
};

/** The runtime permission each while-in-use type needs granted (A4). */
export const WHILE_IN_USE_PERMISSION: Readonly<Partial<Record<FgsType, string>>> = {
  microphone: 'RECORD_AUDIO',
  camera: 'CAMERA',
};

/** The types that need while-in-use access (A4). */
export const WHILE_IN_USE_TYPES = Object.keys(WHILE_IN_USE_PERMISSION) as readonly FgsType[];

/** The types keepcall's library manifest (android/src/main/AndroidManifest.xml) declares on its service. */
export const LIBRARY_SERVICE_TYPES: readonly FgsType[] = [
  'mediaPlayback',
  'microphone',
  'camera',
  'phoneCall',
];
