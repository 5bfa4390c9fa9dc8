// Metro resolves this file for Android bundles, so they carry neither iOS's nor the web's code.
import { androidPlatform } from './android';
import type { NativePlatform } from './port';

/** Android's kit and port half (this bundle runs only on Android). */
export const platformFor = (): NativePlatform => androidPlatform;
export { checks } from './checks';
