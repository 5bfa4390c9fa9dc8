// keepcall/testing: executable models of Android and iOS that implement keepcall's native
// contract (the Port), so tests can see what a device would do, plus a scriptable fake call.
export { createAndroidDevice } from './android/device';
export { MEDIA_PROFILE_PERMISSIONS } from './android/manifest';
export type {
  AndroidCommand,
  AndroidDevice,
  AndroidDeviceOptions,
  AndroidExemption,
  AndroidFgsType,
  AndroidNotification,
  AndroidNotificationObservation,
  AndroidObservation,
  AndroidRuntimePermission,
} from './android/types';
export { createVirtualClock, VIRTUAL_EPOCH, type VirtualClock } from './clock';
export { HISTORY_LIMIT, type RuleLogEntry } from './emitter';
export { createFakeCall, DEFAULT_MEDIA, type FakeCall, type FakeCallOptions } from './fakeCall';
export { createIosDevice } from './ios/device';
export type {
  AudioOwner,
  IosBackgroundMode,
  IosCall,
  IosCallReport,
  IosCallScreen,
  IosDevice,
  IosDeviceOptions,
  IosObservation,
} from './ios/types';
/** An in-memory Port that obeys every command through the core's apply, records it, fails on request and emits reports. */
export {
  createMemoryPort,
  type MemoryPort,
  type MemoryPortFailure,
  type MemoryPortOptions,
} from './memoryPort';
