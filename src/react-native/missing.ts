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
