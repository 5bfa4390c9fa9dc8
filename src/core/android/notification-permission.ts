// A7: from API 33 (Android 13) the ongoing-call notification needs the POST_NOTIFICATIONS runtime
// permission; below it notifications need none, and there is nothing to ask for.
import type { PlatformInfo } from '../types';

/** Whether notifications on this device need the POST_NOTIFICATIONS runtime permission (A7: Android, API 33+). */
export function notificationPermissionNeeded(platform: Pick<PlatformInfo, 'os' | 'apiLevel'>): boolean {
  return platform.os === 'android' && (platform.apiLevel ?? 0) >= 33;
}
