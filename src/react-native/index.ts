// keepcall on React Native: `KeepCall` over the TurboModule, the manual CometChat-style surface, the
// hook, and the core's public types. Each export is built over this platform's binding (./instance,
// which Metro picks per platform) on its own and marked pure, so a bundler that drops unused exports
// keeps only what the app imports. package.json lists this module in sideEffects with the instance
// files that register Android's headless task: a bundler that skipped it when only types are used
// would skip the task too.
import {
  createOngoingCallService,
  createOngoingNotification,
  notificationChannelCreator,
  notificationPermissionRequester,
} from './binding';
import { binding } from './instance';

export type * from '../core/config';
export type { RuntimeEvent, RuntimeState } from '../core/engine/contract';
export { KeepCallError } from '../core/errors';
export type { KeepCallApi } from '../core/facade';
export type { NotificationOverride } from '../core/model';
export { getOrCreateInstance } from '../core/registry';
export type * from '../core/types';
export type { ManualCallOptions } from './binding';
export { useKeepCallAlive } from './useKeepCallAlive';

/** keepcall's engine on this device: `track(call)` keeps the call alive in the background. */
export const KeepCall = binding.KeepCall;
/** Keeps a synthetic call alive without a calling SDK (CometChat's `launch()` / `abort()`). */
export const OngoingCallService = /* @__PURE__ */ createOngoingCallService(binding);
/** Replaces parts of the ongoing-call notification; creates its channel. */
export const OngoingNotification = /* @__PURE__ */ createOngoingNotification(binding);
/** Creates the notification channel (Android); the configured one unless given. */
export const createNotificationChannel = /* @__PURE__ */ notificationChannelCreator(binding);
/** Asks for POST_NOTIFICATIONS on Android 13+; resolves to the permission's state. */
export const requestNotificationPermission = /* @__PURE__ */ notificationPermissionRequester(binding);
