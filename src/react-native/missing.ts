// What `KeepCall` runs over when the app has no KeepCall native module: a Jest test that renders a
// component using keepcall, or an app not rebuilt since keepcall was installed. Importing keepcall then
// works; the first use says what is missing instead of React Native failing at import time.
import { KeepCallError } from '../core/errors';
import type { Spec } from './NativeKeepCall';

const WHY =
  'the KeepCall native module is missing: rebuild the app (in Jest, mock it or use keepcall/testing)';

/** The TurboModule, or a stand-in whose every method throws KeepCallError('unsupported') saying why. */
export function nativeOrMissing(native: Spec | null): Spec {
  if (native) return native;
  return new Proxy({} as Spec, {
    get() {
      throw new KeepCallError('unsupported', WHY);
    },
  });
}

// docs/react-native.md says where newArchEnabled is set (gradle.properties, Podfile, Expo's app.json).
const OLD_ARCHITECTURE =
  "KeepCall came through React Native's old architecture: turn the New Architecture on (newArchEnabled) and rebuild";

/**
 * The TurboModule, once it is known to be the New Architecture's: with it off (React Native 0.76–0.81)
 * the module comes through the old bridge without its event emitters, and the binding would fail on the
 * first one with a TypeError. Throws KeepCallError('unsupported') saying what to do instead.
 */
export function newArchitectureOnly(native: Spec): Spec {
  // Android's old bridge has the methods but no emitters; iOS's has neither.
  if (typeof native.onHangup !== 'function' || typeof native.getPlatformInfo !== 'function')
    throw new KeepCallError('unsupported', OLD_ARCHITECTURE);
  return native;
}
