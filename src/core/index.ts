// keepcall's public face outside React Native and browsers (Node, tests, tools): what an app, a test or
// a port author uses. The rest of src/core (policies, kits, reconcile, the model) is the engine's own:
// it imports file to file and is not part of the package's API.

// Configuration: what `updateConfig` and `setPushConfig` take, and what the engine makes of it.
export type {
  AndroidServiceConfig,
  Config,
  ConfigInput,
  IosConfig,
  PushConfig,
  TaskToRun,
  WebConfig,
} from './config';
// Errors: one class, with a closed set of codes (`KeepCallErrorCode`) to switch on.
export { isErrorCode, KeepCallError } from './errors';
export type { KeepCallApi } from './facade';
export type { NotificationOverride } from './model';
// One SDK client per key, so a client rebuilt in the background (a push, a notification's hang-up)
// finds the calls the app made before.
export { getOrCreateInstance, removeInstance } from './registry';
// The vocabulary: a call and its signals (`CallLike`, `CallSignal`), the device's facts (`PlatformInfo`,
// `Permissions`), and the port contract a platform implements (`Port`, `Command`, `PortEvent`, `Keeper`).
export type * from './types';
// Running the engine: one runtime over one port (the native module, the web port, or the device models of
// keepcall/testing), deciding what the device should hold and sending the commands that get it there.
export {
  type Clock,
  type ConfigChecks,
  createRuntime,
  type Runtime,
  type RuntimeEvent,
  type RuntimeOptions,
  type RuntimeState,
} from './universal';
