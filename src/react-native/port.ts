// The runtime's port over the TurboModule: each Command to its native method, each native event,
// React Native AppState change and permission change to a PortEvent, native rejections to KeepCallError.
import type { IosConfig } from '../core/config';
import { isErrorCode, KeepCallError, toKeepCallError } from '../core/errors';
import type {
  AppState,
  CallKitCall,
  Command,
  FgsType,
  KeepCallErrorCode,
  Keeper,
  Permission,
  Permissions,
  Port,
  PortEvent,
} from '../core/types';
import type { NativeSnapshot, Spec } from './NativeKeepCall';

/** React Native's AppState, as much of it as the port reads. */
export interface AppStateSource {
  currentState: string | null | undefined;
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void };
}

/** React Native's PermissionsAndroid, as much of it as the port reads. */
export interface PermissionSource {
  check(permission: string): Promise<boolean>;
}

export interface NativePortOptions {
  native: Spec;
  os: 'android' | 'ios';
  apiLevel?: number;
  appState: AppStateSource;
  /** Android only. */
  permissions?: PermissionSource;
  /** The current CallKit settings; sent to native before a CallKit call starts when they changed. */
  iosConfig?: () => IosConfig;
}

/** The runtime permission each model permission is read from (POST_NOTIFICATIONS exists from API 33). */
export const ANDROID_PERMISSIONS: Record<keyof Permissions, string> = {
  microphone: 'android.permission.RECORD_AUDIO',
  camera: 'android.permission.CAMERA',
  notifications: 'android.permission.POST_NOTIFICATIONS',
};

const FGS_TYPES: readonly string[] = ['mediaPlayback', 'microphone', 'camera', 'phoneCall'];

/** Maps React Native's AppState strings to keepcall's; unknown or missing states count as active. */
export function toAppState(state: string | null | undefined): AppState {
  return state === 'background' || state === 'inactive' ? state : 'active';
}

/** Creates the Port the engine drives on a device, over the KeepCall TurboModule. */
export function createNativePort(options: NativePortOptions): Port {
  const { native, os } = options;
  let configured: string | undefined;
  // The first permission check finishes before the first snapshot resolves, so the engine's first
  // decision knows the permissions (the runtime subscribes before it asks for the snapshot).
  let permissionsRead: Promise<void> = Promise.resolve();

  // Commands run since the runtime asked for a snapshot: the snapshot must include their effect, or the
  // engine would adopt a device state older than what it already did (a second start, say).
  let generation = 0;
  let lastCommand: Promise<unknown> = Promise.resolve();

  async function configureCallKit() {
    const config = options.iosConfig?.();
    const key = JSON.stringify(config ?? null);
    if (!config || key === configured) return;
    await native.configureCallKit({
      appName: config.appName,
      supportsVideo: config.supportsVideo,
      includesCallsInRecents: config.includesCallsInRecents,
      iconTemplateImageName: config.iconTemplateImageName ?? null,
    });
    configured = key;
  }

  function send(command: Command): Promise<void> {
    switch (command.kind) {
      case 'service.start':
        return native.startService(command.notification, command.types);
      case 'service.update':
        return native.updateService(command.notification, command.types);
      case 'service.stop':
        return native.stopService();
      case 'callkit.start':
        return configureCallKit().then(() => native.startCallKitCall(requestOf(command)));
      case 'callkit.connecting':
        return native.reportCallKitConnecting(requestOf(command));
      case 'callkit.connected':
        return native.reportCallKitConnected(requestOf(command));
      case 'callkit.end':
        return native.endCallKitCall(command.callId, command.uuid, command.reason);
      case 'callkit.mute':
        return native.setCallKitMuted(command.callId, command.uuid, command.muted);
      case 'callkit.hold':
        return native.setCallKitHeld(command.callId, command.uuid, command.held);
      default:
        return Promise.reject(new KeepCallError('unsupported', 'not a React Native command'));
    }
  }

  async function run(command: Command): Promise<void> {
    generation++;
    const done = Promise.resolve().then(() => send(command));
    lastCommand = done.catch(() => undefined);
    try {
      await done;
    } catch (error) {
      // React Native rejects with an Error whose `code` is the string native code passed to reject().
      const fallback: KeepCallErrorCode = command.kind.startsWith('callkit')
        ? 'callkit-transaction-failed'
        : 'port-failed';
      const mapped = toKeepCallError(error, fallback);
      throw new KeepCallError(mapped.code, `${command.kind}: ${mapped.message}`, { cause: error });
    }
  }

  async function snapshot(): Promise<Keeper> {
    let snap: NativeSnapshot;
    try {
      await permissionsRead;
      let seen: number;
      do {
        seen = generation;
        await lastCommand;
        snap = await native.snapshot();
      } while (seen !== generation);
    } catch (error) {
      throw toKeepCallError(error, 'port-failed');
    }
    return os === 'android' ? { android: androidKeeper(snap) } : { ios: iosKeeper(snap) };
  }

  function subscribe(listener: (event: PortEvent) => void): () => void {
    const app = createAppStateMerger(toAppState(options.appState.currentState), (state) => {
      listener({ type: 'app', state });
      if (state === 'active') void checkPermissions();
    });
    const known: Partial<Permissions> = {};
    let closed = false;
    async function checkPermissions() {
      const source = options.permissions;
      if (os !== 'android' || !source) return;
      for (const name of Object.keys(ANDROID_PERMISSIONS) as (keyof Permissions)[]) {
        const value = await readPermission(source, name, options.apiLevel ?? 0);
        if (closed || known[name] === value) continue;
        known[name] = value;
        listener({ type: 'permission', name, value });
      }
    }
    const subscriptions = [
      options.appState.addEventListener('change', (state) => app.fromReactNative(state)),
      native.onAppStateChanged((event) => app.fromNative(event.state)),
      native.onHangup((e) => listener({ type: 'hangup', callId: e.callId, source: e.source })),
      native.onMute((e) => listener({ type: 'mute', callId: e.callId, muted: e.muted, source: e.source })),
      native.onHold((e) => listener({ type: 'hold', callId: e.callId, held: e.held, source: e.source })),
      native.onNotificationDismissed(() => listener({ type: 'notification.dismissed' })),
      native.onServiceStarted((e) => listener({ type: 'service.started', types: fgsTypes(e.types) })),
      native.onServiceNarrowed((e) =>
        listener({ type: 'service.narrowed', types: fgsTypes(e.types), reason: e.reason }),
      ),
      native.onServiceFailed((e) =>
        listener({
          type: 'service.failed',
          code: isErrorCode(e.code) ? e.code : 'port-failed',
          message: e.exception ? `${e.exception}: ${e.message}` : e.message,
        }),
      ),
      native.onServiceTimeout(() => listener({ type: 'service.timeout' })),
      native.onServiceStopped(() => listener({ type: 'service.stopped' })),
      native.onServiceDestroyed(() => listener({ type: 'service.stopped' })),
      native.onTaskRemoved(() => listener({ type: 'task.removed' })),
      native.onCallKitEnded((e) => listener({ type: 'callkit.ended', callId: e.callId, reason: e.reason })),
      native.onAudioSessionActivated(() => listener({ type: 'audio.activated' })),
      native.onAudioSessionDeactivated(() => listener({ type: 'audio.deactivated' })),
    ];
    permissionsRead = checkPermissions();
    return () => {
      closed = true;
      for (const subscription of subscriptions) subscription.remove();
    };
  }

  return { run, snapshot, subscribe };
}

/** Reads one permission; POST_NOTIFICATIONS is granted by default below API 33. */
export async function readPermission(
  source: PermissionSource,
  name: keyof Permissions,
  apiLevel: number,
): Promise<Permission> {
  if (name === 'notifications' && apiLevel < 33) return 'granted';
  try {
    return (await source.check(ANDROID_PERMISSIONS[name])) ? 'granted' : 'denied';
  } catch {
    return 'unknown';
  }
}

/**
 * React Native's AppState says `background` in picture-in-picture; native code knows better. Both
 * report on the same pause, in either order, so a native `pip` wins until the app is active or
 * native code says it left picture-in-picture.
 */
function createAppStateMerger(initial: AppState, emit: (state: AppState) => void) {
  let pip = false;
  let last: AppState = initial;
  const set = (state: AppState) => {
    if (state === last) return;
    last = state;
    emit(state);
  };
  return {
    fromReactNative(state: string) {
      const next = toAppState(state);
      if (next === 'active') pip = false;
      if (pip && next !== 'active') return;
      set(next);
    },
    fromNative(state: 'active' | 'background' | 'pip' | 'destroyed') {
      pip = state === 'pip';
      set(state);
    },
  };
}

function requestOf(command: Extract<Command, { hasVideo: boolean }>) {
  return {
    callId: command.callId,
    uuid: command.uuid,
    hasVideo: command.hasVideo,
    displayName: command.displayName ?? null,
  };
}

function fgsTypes(types: readonly string[]): FgsType[] {
  return types.filter((type): type is FgsType => FGS_TYPES.includes(type));
}

function androidKeeper(snap: NativeSnapshot): Keeper['android'] {
  const { service } = snap;
  if (!service.running || !service.notification) return null;
  return { notification: service.notification, types: fgsTypes(service.types) };
}

function iosKeeper(snap: NativeSnapshot): Record<string, CallKitCall> {
  const calls: Record<string, CallKitCall> = {};
  for (const entry of snap.calls) {
    const call: CallKitCall = {
      uuid: entry.uuid,
      phase: entry.phase,
      muted: entry.muted,
      held: entry.held,
      hasVideo: entry.hasVideo,
    };
    if (entry.displayName) call.displayName = entry.displayName;
    calls[entry.callId] = call;
  }
  return calls;
}
