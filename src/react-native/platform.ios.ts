// Metro resolves this file for iOS bundles, so they carry neither Android's nor the web's code.
import { iosPlatform } from './ios';
import type { NativePlatform } from './port';

/** iOS's kit and port half (this bundle runs only on iOS). */
export const platformFor = (): NativePlatform => iosPlatform;
export { checks } from './checks';
