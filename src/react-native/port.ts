// The runtime's port over the TurboModule. What every platform shares lives here: running a command
// and mapping its rejection, and taking a snapshot that includes every command already run. What a
// platform sends and hears is in android.ts and ios.ts.
import type { IosConfig } from '../core/config';
import { KeepCallError, toKeepCallError } from '../core/errors';
import type { PlatformKit } from '../core/kit';
import type { AppState, Command, Keeper, PlatformInfo, Port, PortEvent } from '../core/types';
import type { NativePlatformInfo, NativeSnapshot, Spec } from './NativeKeepCall';

/** React Native's AppState, as much of it as the port reads. */
export interface AppStateSource {
  currentState: string | null | undefined;
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void };
}

/** React Native's PermissionsAndroid, as much of it as the port reads. */
export interface PermissionSource {
  check(permission: string): Promise<boolean>;
}

/** What a platform's part is built from. */
export interface NativeContext {
  native: Spec;
  info: NativePlatformInfo;
  appState: AppStateSource;
  /** Android only. */
  permissions?: PermissionSource;
  /** The current CallKit settings (iOS). */
  iosConfig: () => IosConfig;
}

/** One platform's half of the port: its native methods, its snapshot, its events. */
export interface NativeParts {
  /** What the native module reported about the device and the app's declarations. */
  platform: PlatformInfo;
  /** Calls the native method that carries out `command`. */
  send(command: Command): Promise<void>;
  /** The keeper a native snapshot describes. */
  keeper(snap: NativeSnapshot): Keeper;
  /** Forwards the platform's events; `ready` settles once what the engine must know first is read. */
  listen(listener: (event: PortEvent) => void): { ready: Promise<void>; remove(): void };
}

/** Everything keepcall needs for one React Native platform. */
export interface NativePlatform {
  kit: PlatformKit;
  connect(context: NativeContext): NativeParts;
}

/** The runtime permission behind notifications (API 33+). */
export const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

/** Maps React Native's AppState strings to keepcall's; unknown or missing states count as active. */
export function toAppState(state: string | null | undefined): AppState {
  return state === 'background' || state === 'inactive' ? state : 'active';
}

/** Creates the Port the engine drives on a device, over the KeepCall TurboModule. */
export function createNativePort(native: Spec, parts: NativeParts): Port {
  // The first reading (permissions) finishes before the first snapshot resolves, so the engine's
  // first decision knows it (the runtime subscribes before it asks for the snapshot).
  let ready: Promise<void> = Promise.resolve();
  // Commands run since the runtime asked for a snapshot: the snapshot must include their effect, or the
  // engine would adopt a device state older than what it already did (a second start, say).
  let generation = 0;
  let lastCommand: Promise<unknown> = Promise.resolve();

  return {
    async run(command) {
      generation++;
      const done = Promise.resolve().then(() => parts.send(command));
      lastCommand = done.catch(() => undefined);
      try {
        await done;
      } catch (error) {
        // React Native rejects with an Error whose `code` is the string native code passed to reject().
        const mapped = toKeepCallError(
          error,
          command.kind.startsWith('callkit') ? 'callkit-transaction-failed' : 'port-failed',
        );
        throw new KeepCallError(mapped.code, `${command.kind}: ${mapped.message}`, { cause: error });
      }
    },
    async snapshot() {
      try {
        await ready;
        let seen: number;
        let snap: NativeSnapshot;
        do {
          seen = generation;
          await lastCommand;
          snap = await native.snapshot();
        } while (seen !== generation);
        return parts.keeper(snap);
      } catch (error) {
        throw toKeepCallError(error, 'port-failed');
      }
    },
    subscribe(listener) {
      const listening = parts.listen(listener);
      ready = listening.ready;
      return listening.remove;
    },
  };
}
