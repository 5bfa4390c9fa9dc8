// keepcall on React Native: `KeepCall` over the TurboModule, the manual CometChat-style surface,
// the hook, and the core's public types.
export type * from '../core/config';
export type { RuntimeEvent, RuntimeState } from '../core/engine/contract';
export { KeepCallError } from '../core/errors';
export type { KeepCallApi } from '../core/facade';
export type { NotificationOverride } from '../core/model';
export { getOrCreateInstance } from '../core/registry';
export type * from '../core/types';
export type { ManualCallOptions } from './binding';
export {
  createNotificationChannel,
  KeepCall,
  OngoingCallService,
  OngoingNotification,
  requestNotificationPermission,
} from './surface';
export { useKeepCallAlive } from './useKeepCallAlive';
