// keepcall's engine: pure policies and reconcile, one runtime, no platform imports.

export { apply, desired, kitFor, reconcile } from './all-kits';
export { androidKit } from './android/kit';
export { desiredAndroid, FGS_PERMISSION, notificationFor } from './android/policy';
export type {
  AndroidServiceConfig,
  Config,
  ConfigInput,
  IosConfig,
  PushConfig,
  TaskToRun,
  WebConfig,
} from './config';
export { DEFAULT_CONFIG, mergeConfig } from './config';
export { deepEqual } from './equal';
export { isErrorCode, KeepCallError, toKeepCallError } from './errors';
export { createKeepCall, type KeepCallApi } from './facade';
export { iosKit } from './ios/kit';
export { desiredIos } from './ios/policy';
export { isVisible, liveCalls, type Model, type NotificationOverride } from './model';
export type { Note } from './note';
export type { PlatformKit } from './platform-kit';
export { getOrCreateInstance, removeInstance } from './registry';
export type * from './types';
export {
  type Clock,
  type ConfigChecks,
  createRuntime,
  type Runtime,
  type RuntimeEvent,
  type RuntimeOptions,
  type RuntimeState,
} from './universal';
export { checks, validateConfig, validatePushConfig } from './validate';
export { webKit } from './web/kit';
export { desiredWeb, WEB_NOTIFICATION_TAG } from './web/policy';
