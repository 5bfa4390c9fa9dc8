// A7 where it lives: from API 33 notifications need POST_NOTIFICATIONS, asked for at run time; below it,
// and off Android, there is nothing to ask for.
import { describe, expect, it } from 'vitest';
import { notificationPermissionNeeded } from '../../../src/core/android/notification-permission';
import type { PlatformInfo } from '../../../src/core/types';

describe('notificationPermissionNeeded (A7)', () => {
  it.each<[Pick<PlatformInfo, 'os' | 'apiLevel'>, boolean]>([
    [{ os: 'android', apiLevel: 26 }, false],
    [{ os: 'android', apiLevel: 32 }, false],
    [{ os: 'android', apiLevel: 33 }, true],
    [{ os: 'android', apiLevel: 36 }, true],
    [{ os: 'android' }, false],
    [{ os: 'ios' }, false],
    [{ os: 'web' }, false],
  ])('%j → %s', (platform, needed) => {
    expect(notificationPermissionNeeded(platform)).toBe(needed);
  });
});
