// Android's rules as pure functions of the device's facts: which types a startForeground() may
// carry (A3, A4, A9, A10, A17), and what the user notices afterwards (A5, A7, A8, A14, A15, A16).
import type { KeepCallErrorCode } from '../../core/types';
import type { AndroidFgsType, AndroidNotification, AndroidRuntimePermission } from './types';

/** The device facts the rules read. */
export interface AndroidFacts {
  apiLevel: number;
  targetSdk: number;
  declared: ReadonlySet<string>;
  serviceTypes: readonly AndroidFgsType[];
  granted: ReadonlySet<AndroidRuntimePermission>;
}

/** Whether a behaviour change of `level` applies: the device runs it and the app targets it. */
export function applies(facts: AndroidFacts, level: number): boolean {
  return facts.apiLevel >= level && facts.targetSdk >= level;
}

/** Why a startForeground() would throw. */
export interface Refusal {
  code: KeepCallErrorCode;
  rule: string;
  exception: string;
  message: string;
}

/** The manifest permission each type needs on API 34+ (A3); shortService needs none. */
export const TYPE_PERMISSION: Record<AndroidFgsType, string | null> = {
  mediaPlayback: 'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
  microphone: 'FOREGROUND_SERVICE_MICROPHONE',
  camera: 'FOREGROUND_SERVICE_CAMERA',
  phoneCall: 'FOREGROUND_SERVICE_PHONE_CALL',
  dataSync: 'FOREGROUND_SERVICE_DATA_SYNC',
  mediaProcessing: 'FOREGROUND_SERVICE_MEDIA_PROCESSING',
  shortService: null,
};

/** The API level that introduced each type constant (ServiceInfo.FOREGROUND_SERVICE_TYPE_*); older ones refuse it (A9). */
const TYPE_SINCE: Record<AndroidFgsType, number> = {
  mediaPlayback: 29,
  phoneCall: 29,
  dataSync: 29,
  microphone: 30,
  camera: 30,
  shortService: 34,
  mediaProcessing: 35,
};

/** Types that need a while-in-use permission (A4). */
export const WHILE_IN_USE: Record<string, AndroidRuntimePermission> = {
  microphone: 'RECORD_AUDIO',
  camera: 'CAMERA',
};

/** Types a BOOT_COMPLETED receiver may not start on API 35 (A10). */
const BOOT_FORBIDDEN: readonly AndroidFgsType[] = [
  'camera',
  'dataSync',
  'mediaPlayback',
  'phoneCall',
  'microphone',
];

/** Every manifest permission name the model knows; others are ignored as Android ignores them (A13). */
export const KNOWN_PERMISSIONS: ReadonlySet<string> = new Set([
  'FOREGROUND_SERVICE',
  'POST_NOTIFICATIONS',
  'MANAGE_OWN_CALLS',
  'RECORD_AUDIO',
  'CAMERA',
  'WAKE_LOCK',
  'INTERNET',
  'BLUETOOTH_CONNECT',
  'MODIFY_AUDIO_SETTINGS',
  'ACCESS_NETWORK_STATE',
  'SYSTEM_ALERT_WINDOW',
  'RECEIVE_BOOT_COMPLETED',
  'USE_FULL_SCREEN_INTENT',
  'FOREGROUND_SERVICE_LOCATION',
  'FOREGROUND_SERVICE_MEDIA_PROJECTION',
  'FOREGROUND_SERVICE_SPECIAL_USE',
  'FOREGROUND_SERVICE_CONNECTED_DEVICE',
  ...Object.values(TYPE_PERMISSION).filter((name): name is string => name !== null),
]);

/** The context a startForeground() runs in. */
export interface PromotionContext {
  /** The service holds while-in-use capabilities (started or re-promoted from a user-visible context). */
  whileInUse: boolean;
  fromBoot: boolean;
}

/**
 * Checks one startForeground(types) call. An empty list is FOREGROUND_SERVICE_TYPE_NONE, what
 * keepcall's service passes (ServiceCompat with a 0 mask), on a first promotion and on a re-promotion
 * alike: AOSP's ActiveServices substitutes the manifest's types only for FOREGROUND_SERVICE_TYPE_MANIFEST
 * (-1), never for 0. Allowed before API/target 34, where the service then holds no type; refused from
 * 34 (MissingForegroundServiceTypeException, FGS_TYPE_NONE_DISABLED_CHANGE_ID). Returns the types used,
 * or the refusal.
 */
export function checkPromotion(
  facts: AndroidFacts,
  requested: readonly AndroidFgsType[],
  context: PromotionContext,
): { ok: true; types: AndroidFgsType[] } | { ok: false; refusal: Refusal } {
  const types = [...requested];
  if (types.length === 0 && applies(facts, 34)) {
    return refuse(
      'type-not-declared',
      'A3',
      'MissingForegroundServiceTypeException',
      'the service has no type',
    );
  }
  for (const type of types) {
    if (facts.apiLevel < TYPE_SINCE[type]) {
      return refuse(
        'type-not-declared',
        'A9',
        'IllegalArgumentException',
        `${type} does not exist before API ${TYPE_SINCE[type]}`,
      );
    }
    // A3: on API 29+ the types passed must be a subset of the manifest's foregroundServiceType.
    if (!facts.serviceTypes.includes(type)) {
      return refuse(
        'type-not-declared',
        'A3',
        'IllegalArgumentException',
        `${type} is not in the manifest's foregroundServiceType`,
      );
    }
    const permission = TYPE_PERMISSION[type];
    // A3 (and A13: a misspelled name counts as missing): API 34+ needs FOREGROUND_SERVICE_<TYPE>.
    if (applies(facts, 34) && permission !== null && !facts.declared.has(permission)) {
      return refuse(
        'type-not-declared',
        'A3',
        'SecurityException',
        `${type} needs ${permission} in the manifest`,
      );
    }
    // A17: phoneCall also needs MANAGE_OWN_CALLS (or the default-dialer role).
    if (applies(facts, 34) && type === 'phoneCall' && !facts.declared.has('MANAGE_OWN_CALLS')) {
      return refuse('type-not-declared', 'A17', 'SecurityException', 'phoneCall needs MANAGE_OWN_CALLS');
    }
    // A10: a BOOT_COMPLETED receiver may not start these types on API 35.
    if (context.fromBoot && applies(facts, 35) && BOOT_FORBIDDEN.includes(type)) {
      return refuse(
        'start-not-allowed',
        'A10',
        'ForegroundServiceStartNotAllowedException',
        `${type} from BOOT_COMPLETED`,
      );
    }
    const runtime = WHILE_IN_USE[type];
    // A4: API 34+ checks the runtime permission and that it is usable now (while in use).
    if (runtime !== undefined && applies(facts, 34)) {
      if (!facts.granted.has(runtime)) {
        return refuse('missing-permission', 'A4', 'SecurityException', `${type} needs ${runtime} granted`);
      }
      if (!context.whileInUse) {
        return refuse('missing-permission', 'A4', 'SecurityException', `${type} started from the background`);
      }
    }
  }
  return { ok: true, types };

  function refuse(code: KeepCallErrorCode, rule: string, exception: string, message: string) {
    return { ok: false as const, refusal: { code, rule, exception, message } };
  }
}

/** Whether the notification may be delayed up to 10 s (A8). */
export function notificationDelayed(
  facts: AndroidFacts,
  spec: AndroidNotification,
  types: readonly AndroidFgsType[],
): boolean {
  if (facts.apiLevel < 31) return false;
  const exempt =
    spec.actions.length > 0 ||
    spec.category === 'call' ||
    spec.immediate ||
    types.some((type) => type === 'mediaPlayback' || type === 'phoneCall');
  return !exempt;
}

/** Whether CallStyle is actually used, and why not when it is not (A14). */
export function callStyleUsed(
  facts: AndroidFacts,
  spec: AndroidNotification,
): { used: boolean; why?: string } {
  if (!spec.callStyle) return { used: false };
  if (facts.apiLevel < 31) return { used: false, why: 'CallStyle needs API 31' };
  // Notification.CallStyle throws "person must have a non-empty a name" for an empty name only
  // (TextUtils.isEmpty): a name of spaces is a name.
  if (spec.person === '') return { used: false, why: 'CallStyle needs a Person with a name' };
  if (!spec.actions.some((action) => !('kind' in action) && action.id === 'hangup')) {
    return { used: false, why: 'CallStyle needs a hang-up intent' };
  }
  return { used: true };
}

/** The timeout a type imposes (A9), in ms, or null. */
export function typeTimeout(facts: AndroidFacts, types: readonly AndroidFgsType[]): number | null {
  // A type without a time limit alongside lifts it, as AOSP does for mixed type sets.
  if (types.length > 0 && types.every((type) => type === 'shortService')) return 3 * 60_000;
  const limited = (type: AndroidFgsType) => type === 'dataSync' || type === 'mediaProcessing';
  if (applies(facts, 35) && types.length > 0 && types.every(limited)) return 6 * 60 * 60_000;
  return null;
}
