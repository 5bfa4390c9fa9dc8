// keepcall's React Native exports over this platform's binding (./instance, which Metro picks per
// platform). Each export is built on its own and marked pure, so a bundler that drops unused exports
// keeps only what the app imports. package.json lists this module in sideEffects with Android's
// instance files: a bundler that skipped it when no export is used would skip the headless task too.
import {
  createOngoingCallService,
  createOngoingNotification,
  notificationChannelCreator,
  notificationPermissionRequester,
} from './binding';
import { binding } from './instance';

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
