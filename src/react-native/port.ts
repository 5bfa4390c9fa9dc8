// The runtime's port over the TurboModule. What every platform shares lives here: running a command
// and mapping its rejection, and taking a snapshot that includes every command already run. What a
// platform sends and hears is in android.ts and ios.ts.
import { KeepCallError, toKeepCallError } from '../core/errors';
import type { PlatformKit } from '../core/platform-kit';
import type { AppState, Command, Keeper, Permissions, PlatformInfo, Port, PortEvent } from '../core/types';
import type { NativePlatformInfo, NativeSnapshot, Spec } from './NativeKeepCall';

/** React Native's AppState, as much of it as the iOS port reads. */
export interface AppStateSource {
  currentState: string | null | undefined;
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void };
}

/** What a platform's part is built from. */
export interface NativeContext {
  native: Spec;
  info: NativePlatformInfo;
  /** iOS's app state; Android's comes from the native module, which follows the Activity lifecycle. */
  appState?: AppStateSource;
}

/** One platform's half of the port: its native methods, its snapshot, its events. */
export interface NativeParts {
  /** What the native module reported about the device and the app's declarations. */
  platform: PlatformInfo;
  /** The app state at start. */
  app: AppState;
  /** The permissions at start, where the platform reports them, so the first decision knows them. */
  permissions?: Partial<Permissions>;
  /** Notifications need a runtime permission here (Android's POST_NOTIFICATIONS, A7): requestNotificationPermission() asks for it. */
  notificationPermissionNeeded?: boolean;
  /** Calls the native method that carries out `command`. */
  send(command: Command): Promise<void>;
  /** The keeper a native snapshot describes. */
  keeper(snap: NativeSnapshot): Keeper;
  /** Forwards the platform's events until the returned function is called. */
  listen(listener: (event: PortEvent) => void): () => void;
}

/** Everything keepcall needs for one React Native platform. */
export interface NativePlatform {
  kit: PlatformKit;
  connect(context: NativeContext): NativeParts;
}

/** Creates the Port the engine drives on a device, over the KeepCall TurboModule. */
export function createNativePort(native: Spec, parts: NativeParts): Port {
  // Commands run since the runtime asked for a snapshot: the snapshot must include their effect, or the
  // engine would adopt a device state older than what it already did (a second start, say).
  let generation = 0;
  let lastCommand: Promise<unknown> = Promise.resolve();
  // Native code runs commands and emits events on one thread (Android's main thread, iOS's main queue)
  // and React Native delivers both in that order, so numbering them as they arrive is numbering them as
  // they happened. A result is numbered in the reaction attached directly to the native promise: before
  // any later event, which arrives as a task of its own.
  let arrived = 0;

  return {
    async run(command) {
      generation++;
      const done = Promise.resolve()
        .then(() => parts.send(command))
        .then(() => ++arrived);
      lastCommand = done.catch(() => undefined);
      try {
        return await done;
      } catch (error) {
        // React Native rejects with an Error whose `code` is the string native code passed to reject().
        const mapped = toKeepCallError(
          error,
          command.kind.startsWith('callkit') ? 'callkit-transaction-failed' : 'port-failed',
        );
        // The cause native code gave (a CallKit refusal: its error name as `reason`), not a wrapper around it.
        throw new KeepCallError(mapped.code, `${command.kind}: ${mapped.message}`, {
          cause: mapped.cause ?? error,
        });
      }
    },
    async snapshot() {
      try {
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
    subscribe: (listener) => parts.listen((event) => listener(event, ++arrived)),
  };
}
