// Metro resolves this file for iOS bundles, so they carry neither the Android nor the web kit.

import { iosKit } from '../core/ios/kit';
import type { PlatformKit } from '../core/kit';

/** The iOS kit, whatever the os asked for (this bundle runs only on iOS). */
export const kitFor = (): PlatformKit => iosKit;
export { checks } from './checks';
