// Everything `keepcall` offers on React Native, built over injected React Native pieces so that tests
// can run it against keepcall/testing's device models through the same TurboModule interface.

import { DEFAULT_MEDIA } from '../core/engine/calls';
import type { Clock } from '../core/engine/clock';
import type { ConfigChecks } from '../core/engine/contract';
import { createKeepCall, type KeepCallApi } from '../core/facade';
import type { NotificationOverride } from '../core/model';
import type { CallLike, CallSignal, Media, Permission } from '../core/types';
import { newArchitectureOnly } from './missing';
import type { Spec } from './NativeKeepCall';
import { type AppStateSource, createNativePort, type NativeParts, type NativePlatform } from './port';

/** The key KeepCallTaskService (Android) starts the headless JS task under. */
export const HEADLESS_TASK = 'KeepCallTask';

/** The runtime permission notifications need where they need one (Android 13+, A7). */
const POST_NOTIFICATIONS = 'android.permission.POST_NOTIFICATIONS';

/** React Native's PermissionsAndroid, as much as requestNotificationPermission() uses. */
export interface PermissionRequester {
  request(permission: string): Promise<string>;
}

export interface BindingDeps {
  native: Spec;
  /** The kit and port half for the os the native module reports. */
  platformFor(os: 'android' | 'ios'): NativePlatform;
  /** Input validation; none means input is trusted. */
  checks?: ConfigChecks;
  /** React Native's AppState, which iOS's app state comes from; Android's native module reports its own. */
  appState?: AppStateSource;
  /** React Native's PermissionsAndroid, to ask for POST_NOTIFICATIONS; what is granted, native code reports. */
  permissions?: PermissionRequester;
  clock?: Clock;
  newUuid?: () => string;
}

/** What OngoingCallService.launch() takes: the synthetic call's looks and the app's callbacks. */
export interface ManualCallOptions {
  /** The id the engine tracks; default `keepcall-manual`. */
  id?: string;
  displayName?: string;
  media?: Partial<Media>;
  /** The user hung up from the notification or CallKit: leave the call in your SDK. */
  onHangup?: () => void;
  /** The user muted or unmuted from the notification or CallKit. */
  onMute?: (muted: boolean) => void;
}

/** KeepCall over one native module, and what the rest of the surface is built from. */
export interface Binding {
  KeepCall: KeepCallApi;
  deps: BindingDeps;
  /** The platform's half of the port, as connected to the native module; builds the runtime if it does not exist yet. */
  connected(): NativeParts;
}

/** The React Native surface: KeepCall, the manual API and the helpers, over one native module. */
export interface ReactNativeKeepCall {
  KeepCall: KeepCallApi;
  OngoingCallService: ReturnType<typeof createOngoingCallService>;
  OngoingNotification: ReturnType<typeof createOngoingNotification>;
  createNotificationChannel: ReturnType<typeof notificationChannelCreator>;
  requestNotificationPermission: ReturnType<typeof notificationPermissionRequester>;
  /** The headless JS task: keeps JavaScript alive for a cold start until the keeper stops. */
  keepAliveTask(): Promise<void>;
}

/** Builds KeepCall over a KeepCall TurboModule (real or modelled). */
export function createBinding(deps: BindingDeps): Binding {
  let parts: NativeParts | undefined;

  // The core sends nothing before it adopted the device's snapshot, so a call tracked right after a
  // JavaScript reload adopts the running service or CallKit call instead of starting a second one.
  const KeepCall = createKeepCall(() => {
    const native = newArchitectureOnly(deps.native);
    const info = native.getPlatformInfo();
    // Native code reports only these (test/native checks the Kotlin and Swift).
    const { kit, connect } = deps.platformFor(info.os as 'android' | 'ios');
    parts = connect({ native, info, appState: deps.appState });
    return {
      port: createNativePort(native, parts),
      platform: parts.platform,
      kit,
      app: parts.app,
      // Optional options left undefined mean "not given" (the runtime's defaults).
      permissions: parts.permissions,
      clock: deps.clock,
      newUuid: deps.newUuid,
    };
  }, deps.checks);

  return {
    KeepCall,
    deps,
    connected() {
      KeepCall.runtime();
      return parts as NativeParts;
    },
  };
}

/** `createNotificationChannel(channel?)`: the configured channel unless one is given; Android only. */
export function notificationChannelCreator(binding: Binding) {
  return async (channel?: { id: string; name: string }): Promise<void> => {
    if (binding.connected().platform.os !== 'android') return;
    const configured = binding.KeepCall.getState().model.config.foregroundService.android.channel;
    await binding.deps.native.createNotificationChannel(
      channel?.id ?? configured.id,
      channel?.name ?? configured.name,
    );
  };
}

/** `requestNotificationPermission()`: asks for POST_NOTIFICATIONS where notifications need it (A7). */
export function notificationPermissionRequester(binding: Binding) {
  // Asking always gets an answer: never 'unknown'.
  return async (): Promise<Exclude<Permission, 'unknown'>> => {
    const { permissions } = binding.deps;
    if (!binding.connected().notificationPermissionNeeded || !permissions) return 'granted';
    const value: Exclude<Permission, 'unknown'> =
      (await permissions.request(POST_NOTIFICATIONS)) === 'granted' ? 'granted' : 'denied';
    binding.KeepCall.runtime().dispatch({ type: 'permission', name: 'notifications', value });
    return value;
  };
}

/** CometChat-style `OngoingCallService`: keeps a synthetic call alive without a calling SDK. */
export function createOngoingCallService(binding: Binding) {
  let manual: { end(): void } | undefined;
  const now = () => (binding.deps.clock ?? Date).now();
  return {
    /** Starts keeping a synthetic call alive, as CometChat's `launch()`; the engine decides when. */
    launch(options: ManualCallOptions = {}) {
      manual?.end();
      manual = trackManualCall(binding.KeepCall, options, now);
    },
    /** Ends the synthetic call: the keeper stops as for any call that left. */
    abort() {
      manual?.end();
      manual = undefined;
    },
  };
}

/** CometChat-style `OngoingNotification`: replaces parts of the notification, creates the channel. */
export function createOngoingNotification(binding: Binding) {
  return {
    /** Replaces parts of the notification (title, body, icon, channel…); `null` restores the config's. */
    buildOngoingConferenceNotification(spec: NotificationOverride | null) {
      binding.KeepCall.runtime().setNotificationOverride(spec);
    },
    createNotificationChannel: notificationChannelCreator(binding),
  };
}

/** The headless JS task: resolves once the Android keeper stops (at once when none runs). */
export async function keepAliveTask(KeepCall: KeepCallApi): Promise<void> {
  const runtime = KeepCall.runtime();
  await runtime.idle();
  if (!runtime.getState().actual.android) return;
  await new Promise<void>((resolve) => {
    const off = runtime.on((event) => {
      if (event.type === 'change' && !event.state.actual.android) {
        off();
        resolve();
      }
    });
  });
}

/** Builds the whole surface at once (tests, and apps wiring their own module). */
export function createReactNativeKeepCall(deps: BindingDeps): ReactNativeKeepCall {
  const binding = createBinding(deps);
  return {
    KeepCall: binding.KeepCall,
    OngoingCallService: createOngoingCallService(binding),
    OngoingNotification: createOngoingNotification(binding),
    createNotificationChannel: notificationChannelCreator(binding),
    requestNotificationPermission: notificationPermissionRequester(binding),
    keepAliveTask: () => keepAliveTask(binding.KeepCall),
  };
}

/** Tracks a call that joined now and leaves when ended or hung up. */
function trackManualCall(api: KeepCallApi, options: ManualCallOptions, now: () => number): { end(): void } {
  const listeners = new Set<(signal: CallSignal) => void>();
  let media: Media = { ...DEFAULT_MEDIA, ...options.media };
  let untrack: (() => void) | undefined;
  const send = (signal: CallSignal) => {
    for (const listener of [...listeners]) listener(signal);
  };
  const end = () => {
    if (!untrack) return;
    send({ type: 'left' });
    untrack();
    untrack = undefined;
  };
  const call: CallLike = {
    id: options.id ?? 'keepcall-manual',
    ...(options.displayName !== undefined && { displayName: options.displayName }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async hangup() {
      options.onHangup?.();
      end();
    },
    async setMuted(muted) {
      options.onMute?.(muted);
      media = { ...media, muted };
      send({ type: 'media', media });
    },
  };
  untrack = api.track(call);
  send({ type: 'joined', at: now(), media });
  return { end };
}
