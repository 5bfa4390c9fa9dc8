// What `KeepCall` runs over when the app has no KeepCall native module: a Jest test that renders a
// component using keepcall, or an app not rebuilt since keepcall was installed. Importing keepcall then
// works; the first use says what is missing instead of React Native failing at import time.
import { KeepCallError } from '../core/errors';
import type { Spec } from './NativeKeepCall';

const WHY =
  'the KeepCall native module is missing: rebuild the app after installing keepcall (in Jest, mock it or use keepcall/testing)';

/** The TurboModule, or a stand-in whose every method throws KeepCallError('unsupported') saying why. */
export function nativeOrMissing(native: Spec | null): Spec {
  if (native) return native;
  return new Proxy({} as Spec, {
    get() {
      throw new KeepCallError('unsupported', WHY);
    },
  });
}

const OLD_ARCHITECTURE =
  "the KeepCall module came through React Native's old architecture, without its event emitters: turn the New Architecture on (newArchEnabled=true in android/gradle.properties, RCT_NEW_ARCH_ENABLED=1 for pod install, newArchEnabled in Expo's app.json) and rebuild";

/**
 * The TurboModule, once it is known to be the New Architecture's: with it off (React Native 0.76–0.81)
 * the module comes through the old bridge without its event emitters, and the binding would fail on the
 * first one with a TypeError. Throws KeepCallError('unsupported') saying what to do instead.
 */
export function newArchitectureOnly(native: Spec): Spec {
  const emitters = [native.onHangup, native.onMute, native.onCallKitEnded, native.onAppStateChanged];
  if (
    typeof native.getPlatformInfo !== 'function' ||
    emitters.some((emitter) => typeof emitter !== 'function')
  )
    throw new KeepCallError('unsupported', OLD_ARCHITECTURE);
  return native;
}
