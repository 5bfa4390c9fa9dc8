// keepcall's engine: pure policies and reconcile, one runtime, no platform imports.
export { apply, applyPortEvent } from './actual';
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
export { isErrorCode, KeepCallError, toKeepCallError } from './errors';
export { createKeepCall, type KeepCallApi } from './facade';
export { isVisible, liveCalls, type Model, type NotificationOverride } from './model';
export {
  desired,
  desiredAndroid,
  desiredIos,
  desiredWeb,
  FGS_PERMISSION,
  type Note,
  notificationFor,
  WEB_NOTIFICATION_TAG,
} from './policy';
export { deepEqual, reconcile } from './reconcile';
export { getOrCreateInstance, removeInstance } from './registry';
export {
  type Clock,
  createRuntime,
  type Runtime,
  type RuntimeEvent,
  type RuntimeOptions,
  type RuntimeState,
} from './runtime';
export type * from './types';
export { validateConfig, validatePushConfig } from './validate';
