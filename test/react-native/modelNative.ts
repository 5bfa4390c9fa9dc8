// A KeepCall TurboModule backed by a keepcall/testing device model: the binding under test talks to
// it through the spec interface only, exactly as it talks to the Kotlin or Swift module. Native
// rejections look like React Native's (an Error with a string `code`). On Android the module reports
// what KeepCallModule.kt does: the app state from the Activity lifecycle, with the permissions at start
// and at every `active`. React Native's AppState is modelled too, as React Native reports it on each
// platform: iOS's binding reads it, Android's must not.

import { CALLKIT_TRANSACTION_ERRORS } from '../../src/core/ios/errors';
import type {
  AppState,
  CallKitAudio,
  CallKitHandle,
  Command,
  KeepCallErrorCode,
  PortEvent,
} from '../../src/core/types';
import { androidPlatform } from '../../src/react-native/android';
import { createReactNativeKeepCall, type ReactNativeKeepCall } from '../../src/react-native/binding';
import { checks } from '../../src/react-native/checks';
import { iosPlatform } from '../../src/react-native/ios';
import type {
  NativeAppStateEvent,
  NativePermissions,
  NativeSnapshot,
  Spec,
} from '../../src/react-native/NativeKeepCall';
import type { AppStateSource } from '../../src/react-native/port';
import type { AndroidDevice, IosDevice } from '../../src/testing';

type Handler = (payload: never) => void;
/** CXErrorCodeRequestTransactionError's names in the order of their codes (0 = unknown, 4 = unknownCallUUID). */
const TRANSACTION_ERRORS: readonly string[] = CALLKIT_TRANSACTION_ERRORS;
/** The spec's methods, without its event emitters. */
type Methods = { [K in keyof Spec as K extends `on${string}` ? never : K]: Spec[K] };

/** What React Native would report to JavaScript for a device event, and through which door. */
interface Doors {
  native: Spec;
  appState: AppStateSource;
}

type NativeAppState = NativeAppStateEvent['state'];

/**
 * What KeepCallModule.kt says for a device state: a pause outside picture-in-picture (a permission
 * dialog: `inactive` in the model) is no event; at the module's creation React Native's host is not
 * resumed then, so it starts from `background`, as it does without an activity.
 */
const lifecycle = (state: AppState): NativeAppState | undefined => (state === 'inactive' ? undefined : state);
const lifecycleAtCreation = (state: AppState): NativeAppState =>
  state === 'active' || state === 'pip' ? state : 'background';

/** What React Native's AppState says for a device state: Android's says `background` from the pause on. */
const reactNativeAppState = (state: AppState, android: boolean): string =>
  state === 'pip' || state === 'destroyed' || (android && state === 'inactive') ? 'background' : state;

/** Builds the spec object over a device; `calls` records each native method JavaScript invoked. */
export function modelNative(
  device: AndroidDevice | IosDevice,
): Doors & { calls: string[]; detach(): void; pending(): number } {
  const android = 'permissions' in device;
  // KeepCallModule's `state`: what the Activity lifecycle last said.
  let nativeState = lifecycleAtCreation(device.appState());
  const handlers = new Map<string, Set<Handler>>();
  const appListeners = new Set<(state: string) => void>();
  const calls: string[] = [];
  const fire = (name: string, payload?: unknown) => {
    for (const handler of [...(handlers.get(name) ?? [])]) (handler as (p: unknown) => void)(payload);
  };
  const emitter = (name: string) => (handler: Handler) => {
    const set = handlers.get(name) ?? new Set<Handler>();
    handlers.set(name, set);
    set.add(handler);
    return { remove: () => set.delete(handler) };
  };

  // Native code runs a command and then, as tasks of their own, what it caused (Android's onStartCommand,
  // CallKit's delegate callbacks): those reach JavaScript after the command's result. The model runs both
  // at once, so what a command caused (numbered after it) is delivered after its result, as a task.
  let capturing: { event: PortEvent; seq: number }[] | undefined;
  let later = 0;
  const deliverLater = (events: PortEvent[]) => {
    if (events.length === 0) return;
    later++;
    setTimeout(() => {
      later--;
      for (const event of events) route(event);
    }, 0);
  };

  async function run(name: string, command: Command): Promise<void> {
    calls.push(name);
    const seen: { event: PortEvent; seq: number }[] = [];
    capturing = seen;
    let done: Promise<number>;
    try {
      done = device.run(command as never);
    } finally {
      capturing = undefined;
    }
    try {
      const at = await done;
      for (const { event, seq } of seen) if (seq < at) route(event);
      deliverLater(seen.filter(({ seq }) => seq > at).map(({ event }) => event));
    } catch (error) {
      for (const { event } of seen) route(event);
      // React Native rejects with an Error carrying the native code string, not a KeepCallError. A CallKit
      // refusal comes as KeepCallCallKit.swift sends it: CallKit's error name as the code, and the
      // system's localized text, which names nothing, as the message.
      const { code, message, cause } = error as {
        code?: string;
        message: string;
        cause?: { reason?: string };
      };
      const reason = cause?.reason;
      if (reason !== undefined) {
        const text = `The operation couldn’t be completed. (com.apple.CallKit.error.requesttransaction error ${TRANSACTION_ERRORS.indexOf(reason)}.)`;
        throw Object.assign(new Error(`${name}: ${text}`), { code: reason });
      }
      throw Object.assign(new Error(message), { code: code ?? 'E_UNKNOWN' });
    }
  }

  const methods: Methods = {
    getPlatformInfo() {
      const info = device.platformInfo();
      return {
        os: info.os as 'android' | 'ios',
        apiLevel: info.apiLevel ?? 0,
        targetSdk: info.targetSdk ?? 0,
        declared: info.declared,
        serviceTypes: info.serviceTypes ?? [],
        ...('permissions' in device && { appState: nativeState, permissions: nativePermissions(device) }),
      };
    },
    async snapshot(): Promise<NativeSnapshot> {
      calls.push('snapshot');
      const keeper = await device.snapshot();
      const android = keeper.android ?? null;
      return {
        service: {
          running: android !== null,
          promoted: android !== null,
          types: android?.types ?? [],
          notification: android?.notification ?? null,
        },
        calls: Object.entries(keeper.ios ?? {}).map(([callId, call]) => ({ callId, ...call })),
        // As KeepCallCallKit.swift keeps it: what configureCallKit was sent, missing before the first.
        ...(keeper.iosProvider && { provider: keeper.iosProvider }),
      };
    },
    async createNotificationChannel() {
      calls.push('createNotificationChannel');
    },
    startService: (notification, types, fallbacks) =>
      run('startService', { kind: 'service.start', notification, types, fallbacks } as Command),
    updateService: (notification, types, fallbacks) =>
      run('updateService', { kind: 'service.update', notification, types, fallbacks } as Command),
    stopService: () => run('stopService', { kind: 'service.stop' }),
    configureCallKit: ({ iconTemplateImageName, handleType, ...rest }) =>
      run('configureCallKit', {
        kind: 'callkit.configure',
        provider: {
          ...rest,
          handleType: handleType as CallKitHandle['type'],
          ...(iconTemplateImageName ? { iconTemplateImageName } : {}),
        },
      }),
    startCallKitCall: (c) =>
      run('startCallKitCall', {
        ...callkit('callkit.connecting', c),
        kind: 'callkit.start',
        handle: { type: c.handleType as CallKitHandle['type'], value: c.handleValue },
        audio: {
          category: c.audioCategory as CallKitAudio['category'],
          mode: c.audioMode as CallKitAudio['mode'],
          allowBluetooth: c.allowBluetooth,
        },
        capabilities: {
          supportsHolding: c.supportsHolding,
          supportsGrouping: c.supportsGrouping,
          supportsUngrouping: c.supportsUngrouping,
          supportsDTMF: c.supportsDTMF,
        },
      }),
    reportCallKitConnecting: (c) => run('reportCallKitConnecting', callkit('callkit.connecting', c)),
    reportCallKitConnected: (c) => run('reportCallKitConnected', callkit('callkit.connected', c)),
    updateCallKitCall: (c) =>
      run('updateCallKitCall', {
        ...callkit('callkit.connected', c),
        kind: 'callkit.update',
        handle: { type: c.handleType as CallKitHandle['type'], value: c.handleValue },
      }),
    endCallKitCall: (callId, uuid, reason) =>
      run('endCallKitCall', { kind: 'callkit.end', callId, uuid, reason: reason as 'local' }),
    setCallKitMuted: (callId, uuid, muted) =>
      run('setCallKitMuted', { kind: 'callkit.mute', callId, uuid, muted }),
    setCallKitHeld: (callId, uuid, held) =>
      run('setCallKitHeld', { kind: 'callkit.hold', callId, uuid, held }),
  };
  const native = {
    ...methods,
    onHangup: emitter('onHangup'),
    onMute: emitter('onMute'),
    onHold: emitter('onHold'),
    onNotificationDismissed: emitter('onNotificationDismissed'),
    onNotificationTapped: emitter('onNotificationTapped'),
    onNotificationAction: emitter('onNotificationAction'),
    onServiceStarted: emitter('onServiceStarted'),
    onServiceNarrowed: emitter('onServiceNarrowed'),
    onServiceFailed: emitter('onServiceFailed'),
    onServiceTimeout: emitter('onServiceTimeout'),
    onServiceStopped: emitter('onServiceStopped'),
    onServiceDestroyed: emitter('onServiceDestroyed'),
    onTaskRemoved: emitter('onTaskRemoved'),
    onAppStateChanged: emitter('onAppStateChanged'),
    onCallKitEnded: emitter('onCallKitEnded'),
    onAudioSessionActivated: emitter('onAudioSessionActivated'),
    onAudioSessionDeactivated: emitter('onAudioSessionDeactivated'),
    // React Native's EventSubscription carries vendor internals; the binding only calls remove().
  } as unknown as Spec;

  const appState: AppStateSource = {
    get currentState() {
      return reactNativeAppState(device.appState(), android);
    },
    addEventListener(_type, listener) {
      appListeners.add(listener);
      return { remove: () => appListeners.delete(listener) };
    },
  };
  const toReactNative = (state: string) => {
    for (const listener of [...appListeners]) listener(state);
  };

  // The device's reports, through the door each one takes in a real app.
  const route = (event: PortEvent) => {
    switch (event.type) {
      case 'app': {
        // Native code first, as the Activity lifecycle callbacks run before React Native's.
        const state = lifecycle(event.state);
        if ('permissions' in device && state) {
          nativeState = state;
          fire('onAppStateChanged', {
            state,
            ...(state === 'active' && { permissions: nativePermissions(device) }),
          });
        }
        toReactNative(reactNativeAppState(event.state, android));
        return;
      }
      case 'permission':
        return; // nothing tells the app; the module reads the permissions again at the next `active`
      case 'hangup':
      case 'mute':
      case 'hold':
      case 'camera':
        return fire(`on${event.type[0]?.toUpperCase()}${event.type.slice(1)}`, event);
      case 'notification.dismissed':
        return fire('onNotificationDismissed', { callId: '' });
      case 'tap':
        return fire('onNotificationTapped', { callId: event.callId });
      case 'action':
        return fire('onNotificationAction', { callId: event.callId, id: event.id });
      case 'service.started':
        return fire('onServiceStarted', { types: event.types });
      case 'service.narrowed':
        return fire('onServiceNarrowed', { types: event.types, reason: event.reason });
      case 'service.failed':
        return fire('onServiceFailed', { code: event.code, message: event.message, exception: '' });
      case 'service.timeout':
        return fire('onServiceTimeout', { fgsType: 'mediaPlayback' });
      case 'service.stopped':
        return fire('onServiceStopped');
      case 'task.removed':
        return fire('onTaskRemoved');
      case 'callkit.ended':
        return fire('onCallKitEnded', { callId: event.callId, uuid: '', reason: event.reason });
      case 'audio.activated':
        return fire('onAudioSessionActivated');
      case 'audio.deactivated':
        return fire('onAudioSessionDeactivated');
    }
  };
  const detach = device.subscribe((event, seq) =>
    capturing ? capturing.push({ event, seq: seq ?? 0 }) : route(event),
  );
  return { native, appState, calls, detach, pending: () => later };
}

/** What KeepCallModule.kt reads with checkSelfPermission (POST_NOTIFICATIONS granted below API 33). */
function nativePermissions(device: AndroidDevice): NativePermissions {
  const { microphone, camera, notifications } = device.permissions();
  const read = (value: string): 'granted' | 'denied' => (value === 'granted' ? 'granted' : 'denied');
  return { microphone: read(microphone), camera: read(camera), notifications: read(notifications) };
}

function callkit(
  kind: 'callkit.connecting' | 'callkit.connected',
  c: {
    callId: string;
    uuid: string;
    hasVideo: boolean;
    displayName?: string | null;
  },
): Extract<Command, { kind: 'callkit.connected' | 'callkit.connecting' }> {
  return {
    kind,
    callId: c.callId,
    uuid: c.uuid,
    hasVideo: c.hasVideo,
    ...(c.displayName && { displayName: c.displayName }),
  };
}

/** An app on a modelled device: the binding, the doors it uses, and what it reported. */
export interface ModelApp extends ReactNativeKeepCall {
  /** The TurboModule the binding talks to: a test may replace a method to act as native code would. */
  native: Spec;
  calls: string[];
  errors: KeepCallErrorCode[];
  audio: boolean[];
  /** Lets the engine finish what it started, advancing the device's clock by `ms` first. */
  settle(ms?: number): Promise<void>;
  /** JavaScript reloads: this binding is gone (its subscriptions with it); native state stays. */
  reload(): ModelApp;
}

// Process-wide, like crypto.randomUUID: a reloaded binding must not reuse a UUID.
let uuids = 0;

/**
 * Starts keepcall's React Native binding on a device model, as an app would at launch; `wrap` may stand
 * between the binding and the modelled TurboModule (scripts/android-traces.ts records through it).
 */
export function startApp(
  device: AndroidDevice | IosDevice,
  wrap: (native: Spec) => Spec = (n) => n,
): ModelApp {
  const doors = modelNative(device);
  // What Metro would bundle for the device's platform: its kit only, and the development checks.
  const platform = 'permissions' in device ? androidPlatform : iosPlatform;
  const binding = createReactNativeKeepCall({
    native: wrap(doors.native),
    platformFor: () => platform,
    ...(checks && { checks }),
    // Given on Android too, as instance.ts does outside Metro: Android's binding must not listen to it.
    appState: doors.appState,
    permissions: {
      async request(permission) {
        const name = permission.endsWith('POST_NOTIFICATIONS') ? 'POST_NOTIFICATIONS' : undefined;
        if (name && 'grant' in device) device.grant(name);
        return 'granted';
      },
    },
    clock: device.clock,
    newUuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
  });
  const errors: KeepCallErrorCode[] = [];
  const audio: boolean[] = [];
  binding.KeepCall.on((event) => {
    if (event.type === 'error') errors.push(event.error.code);
    if (event.type === 'audio') audio.push(event.active);
  });
  const runtime = binding.KeepCall.runtime();
  const app: ModelApp = {
    ...binding,
    native: doors.native,
    calls: doors.calls,
    errors,
    audio,
    async settle(ms = 0) {
      // Until the engine is idle and no native report waits for its turn.
      const drain = async () => {
        for (let round = 0; round < 20; round++) {
          for (let i = 0; i < 5; i++) await Promise.resolve();
          await runtime.idle();
          if (doors.pending() === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      };
      await drain();
      if (ms > 0) device.advance(ms);
      await drain();
    },
    reload() {
      runtime.dispose();
      doors.detach();
      device.reloadJs();
      return startApp(device, wrap);
    },
  };
  return app;
}
