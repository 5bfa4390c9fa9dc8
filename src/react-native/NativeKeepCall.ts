// The only door between TypeScript and native code (DESIGN.md, "The native contract").
// Commands go down with every field computed in TypeScript; native code executes and reports.
// Parsed by @react-native/codegen: keep to the types it accepts (object aliases, string unions).
import type { CodegenTypes, TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';

/** One notification button; `id` is what the receiver reports back. */
export type NativeNotificationAction = {
  id: 'hangup' | 'mute' | 'unmute';
  label: string;
};

/** Everything the Android service needs to draw the ongoing-call notification. */
export type NativeNotificationSpec = {
  channelId: string;
  channelName: string;
  title: string;
  body: string;
  smallIcon: string;
  callId: string;
  person: string;
  callStyle: boolean;
  category: 'call';
  immediate: boolean;
  ongoing: boolean;
  visibility: 'public' | 'private' | 'secret';
  startedAt: CodegenTypes.Double;
  muted: boolean;
  actions: NativeNotificationAction[];
};

/** What the Android service holds now. */
export type NativeServiceState = {
  running: boolean;
  /** `startForeground()` succeeded at least once. */
  promoted: boolean;
  types: string[];
  notification?: NativeNotificationSpec | null;
};

/** One CallKit call the app owns, as `CXCallObserver` and the native id map see it. */
export type NativeCallKitCall = {
  callId: string;
  uuid: string;
  phase: 'connecting' | 'connected';
  muted: boolean;
  held: boolean;
  hasVideo: boolean;
  displayName?: string | null;
};

/** What the device holds now: the service (Android) and the CallKit calls (iOS). */
export type NativeSnapshot = {
  service: NativeServiceState;
  calls: NativeCallKitCall[];
};

/** The runtime permissions the engine reads, as `Context.checkSelfPermission` answers (Android). */
export type NativePermissions = {
  /** RECORD_AUDIO. */
  microphone: 'granted' | 'denied';
  /** CAMERA. */
  camera: 'granted' | 'denied';
  /** POST_NOTIFICATIONS; `granted` below API 33, where notifications need no runtime permission. */
  notifications: 'granted' | 'denied';
};

/** Facts about the device and the app's declarations. */
export type NativePlatformInfo = {
  os: 'android' | 'ios';
  apiLevel: CodegenTypes.Int32;
  targetSdk: CodegenTypes.Int32;
  /** Short names of the permissions in the merged manifest. */
  declared: string[];
  /** The `foregroundServiceType`s of keepcall's service in the merged manifest. */
  serviceTypes: string[];
  /** Android: the app state as the Activity lifecycle last said it (iOS: React Native's AppState). */
  appState?: 'active' | 'background' | 'pip' | 'destroyed' | null;
  /** Android: the runtime permissions now. */
  permissions?: NativePermissions | null;
};

/** How CallKit shows the app's calls. */
export type NativeCallKitConfig = {
  appName: string;
  supportsVideo: boolean;
  includesCallsInRecents: boolean;
  iconTemplateImageName?: string | null;
};

/** A CallKit call to start or report. */
export type NativeCallKitRequest = {
  callId: string;
  uuid: string;
  hasVideo: boolean;
  displayName?: string | null;
};

export type NativeActionSource = 'notification' | 'callkit';
export type NativeHangupEvent = { callId: string; source: NativeActionSource };
export type NativeMuteEvent = { callId: string; muted: boolean; source: NativeActionSource };
export type NativeHoldEvent = { callId: string; held: boolean; source: NativeActionSource };
export type NativeServiceTypesEvent = { types: string[] };
export type NativeServiceNarrowedEvent = { types: string[]; reason: string };
/** `code` is a KeepCallErrorCode, `exception` the platform's exception class. */
export type NativeServiceFailedEvent = { code: string; message: string; exception: string };
export type NativeServiceTimeoutEvent = { fgsType: string };
/**
 * From the Activity lifecycle (Android). `destroyed`: the activity went away while the process lives
 * (A18). `permissions` comes with `active`: the user may have changed them while away (A6).
 */
export type NativeAppStateEvent = {
  state: 'active' | 'background' | 'pip' | 'destroyed';
  permissions?: NativePermissions | null;
};
export type NativeNotificationEvent = { callId: string };
export type NativeCallKitEndedEvent = {
  callId: string;
  uuid: string;
  reason: 'local' | 'remote' | 'failed';
};

export interface Spec extends TurboModule {
  /** Read once at start; synchronous because the engine needs it to build its model. */
  getPlatformInfo(): NativePlatformInfo;
  snapshot(): Promise<NativeSnapshot>;
  createNotificationChannel(id: string, name: string): Promise<void>;

  startService(notification: NativeNotificationSpec, types: string[]): Promise<void>;
  updateService(notification: NativeNotificationSpec, types: string[]): Promise<void>;
  stopService(): Promise<void>;

  configureCallKit(config: NativeCallKitConfig): Promise<void>;
  startCallKitCall(call: NativeCallKitRequest): Promise<void>;
  reportCallKitConnecting(call: NativeCallKitRequest): Promise<void>;
  reportCallKitConnected(call: NativeCallKitRequest): Promise<void>;
  endCallKitCall(callId: string, uuid: string, reason: string): Promise<void>;
  setCallKitMuted(callId: string, uuid: string, muted: boolean): Promise<void>;
  setCallKitHeld(callId: string, uuid: string, held: boolean): Promise<void>;

  readonly onHangup: CodegenTypes.EventEmitter<NativeHangupEvent>;
  readonly onMute: CodegenTypes.EventEmitter<NativeMuteEvent>;
  readonly onHold: CodegenTypes.EventEmitter<NativeHoldEvent>;
  readonly onNotificationDismissed: CodegenTypes.EventEmitter<NativeNotificationEvent>;
  readonly onServiceStarted: CodegenTypes.EventEmitter<NativeServiceTypesEvent>;
  readonly onServiceNarrowed: CodegenTypes.EventEmitter<NativeServiceNarrowedEvent>;
  readonly onServiceFailed: CodegenTypes.EventEmitter<NativeServiceFailedEvent>;
  readonly onServiceTimeout: CodegenTypes.EventEmitter<NativeServiceTimeoutEvent>;
  readonly onServiceStopped: CodegenTypes.EventEmitter<void>;
  readonly onServiceDestroyed: CodegenTypes.EventEmitter<void>;
  readonly onTaskRemoved: CodegenTypes.EventEmitter<void>;
  readonly onAppStateChanged: CodegenTypes.EventEmitter<NativeAppStateEvent>;
  readonly onCallKitEnded: CodegenTypes.EventEmitter<NativeCallKitEndedEvent>;
  readonly onAudioSessionActivated: CodegenTypes.EventEmitter<void>;
  readonly onAudioSessionDeactivated: CodegenTypes.EventEmitter<void>;
}

// `get`, not `getEnforcing`: without the native module (Jest, an app not rebuilt) importing keepcall must
// not throw; missing.ts turns the absence into a clear error at first use.
export default TurboModuleRegistry.get<Spec>('KeepCall');
