// A7: from API 33 (Android 13) the ongoing-call notification needs the POST_NOTIFICATIONS runtime
// permission; below it notifications need none, and there is nothing to ask for.

/** Whether notifications on Android at this API level need the POST_NOTIFICATIONS runtime permission (A7: 33+). */
export function notificationPermissionNeeded(apiLevel: number | undefined): boolean {
  return (apiLevel ?? 0) >= 33;
}
