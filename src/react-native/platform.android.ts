// Metro resolves this file for Android bundles, so they carry neither the iOS nor the web kit.
import { androidKit } from '../core/android/kit';
import type { PlatformKit } from '../core/kit';

/** The Android kit, whatever the os asked for (this bundle runs only on Android). */
export const kitFor = (): PlatformKit => androidKit;
export { checks } from './checks';
