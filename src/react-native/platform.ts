// What the binding needs for a platform Metro has no file for (and in Node tests): both platforms,
// chosen by what the native module reports, and the checks of ./checks (always outside Metro,
// development builds only under Metro). Metro picks platform.android.ts or platform.ios.ts instead.
import { androidPlatform } from './android';
import { iosPlatform } from './ios';
import type { NativePlatform } from './port';

/** Android's or iOS's kit and port half. */
export const platformFor = (os: 'android' | 'ios'): NativePlatform =>
  os === 'android' ? androidPlatform : iosPlatform;
export { checks } from './checks';
