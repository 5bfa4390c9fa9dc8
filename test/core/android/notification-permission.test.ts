// A7 where it lives: from API 33 notifications need POST_NOTIFICATIONS, asked for at run time; below it
// there is nothing to ask for. The Android policy's note and the binding's request both read it.
import { describe, expect, it } from 'vitest';
import { notificationPermissionNeeded } from '../../../src/core/android/notification-permission';

describe('notificationPermissionNeeded (A7)', () => {
  it.each<[number | undefined, boolean]>([
    [26, false],
    [32, false],
    [33, true],
    [36, true],
    [undefined, false],
  ])('API %s → %s', (apiLevel, needed) => {
    expect(notificationPermissionNeeded(apiLevel)).toBe(needed);
  });
});
