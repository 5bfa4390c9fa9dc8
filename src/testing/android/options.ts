// Validates and fills in the Android model's options.
import type { AppState } from '../../core/types';
import { createVirtualClock, type VirtualClock } from '../clock';
import {
  APP_STATES,
  checkBoolean,
  checkInteger,
  checkKnownKeys,
  checkListOf,
  checkOneOf,
  checkStrings,
} from '../validate';
import { LIBRARY_SERVICE_TYPES } from './manifest';
import type {
  AndroidDeviceOptions,
  AndroidExemption,
  AndroidFgsType,
  AndroidRuntimePermission,
} from './types';

export const ANDROID_FGS_TYPES: readonly AndroidFgsType[] = [
  'mediaPlayback',
  'microphone',
  'camera',
  'phoneCall',
  'shortService',
  'dataSync',
  'mediaProcessing',
];
export const RUNTIME_PERMISSIONS: readonly AndroidRuntimePermission[] = [
  'RECORD_AUDIO',
  'CAMERA',
  'POST_NOTIFICATIONS',
];
const EXEMPTIONS: readonly AndroidExemption[] = [
  'batteryOptimizationOff',
  'highPriorityFcm',
  'exactAlarm',
  'notificationTap',
];

/** Options with every default applied. */
export interface ResolvedAndroidOptions {
  apiLevel: number;
  targetSdk: number;
  declared: string[];
  serviceTypes: AndroidFgsType[];
  granted: AndroidRuntimePermission[];
  app: AppState;
  exemptions: AndroidExemption[];
  nativeFallback: boolean;
  stopWithTask: boolean;
  promotionDelayMs: number;
  visibilityGraceMs: number;
  clock: VirtualClock;
}

const ANDROID_OPTION_KEYS: readonly (keyof AndroidDeviceOptions)[] = [
  'apiLevel',
  'targetSdk',
  'declared',
  'serviceTypes',
  'granted',
  'app',
  'exemptions',
  'nativeFallback',
  'stopWithTask',
  'promotionDelayMs',
  'visibilityGraceMs',
  'clock',
];

/** Checks the options, naming any bad field, and applies defaults. */
export function resolveAndroidOptions(options: AndroidDeviceOptions): ResolvedAndroidOptions {
  if (typeof options !== 'object' || options === null) {
    throw new RangeError(`options: got ${JSON.stringify(options)}, allowed: an object with apiLevel`);
  }
  checkKnownKeys(options, ANDROID_OPTION_KEYS);
  const apiLevel = checkInteger('apiLevel', options.apiLevel, 29, 37);
  return {
    apiLevel,
    targetSdk: checkInteger('targetSdk', options.targetSdk ?? apiLevel, 23, 40),
    declared: checkStrings('declared', options.declared ?? []),
    // By default the merged manifest holds keepcall's library declaration of its service.
    serviceTypes: checkListOf(
      'serviceTypes',
      options.serviceTypes ?? [...LIBRARY_SERVICE_TYPES],
      ANDROID_FGS_TYPES,
    ),
    granted: checkListOf('granted', options.granted ?? [], RUNTIME_PERMISSIONS),
    app: checkOneOf('app', options.app ?? 'active', APP_STATES),
    exemptions: checkListOf('exemptions', options.exemptions ?? [], EXEMPTIONS),
    nativeFallback: checkBoolean('nativeFallback', options.nativeFallback ?? true),
    stopWithTask: checkBoolean('stopWithTask', options.stopWithTask ?? false),
    promotionDelayMs: checkInteger('promotionDelayMs', options.promotionDelayMs ?? 0, 0, 60_000),
    visibilityGraceMs: checkInteger('visibilityGraceMs', options.visibilityGraceMs ?? 5000, 0, 60_000),
    clock: options.clock ?? createVirtualClock(),
  };
}
