// The only door between TypeScript and native code (DESIGN.md, "The native contract").
// Commands go down with every field computed in TypeScript; native code executes and reports.
// Parsed by the app's @react-native/codegen, 0.76 or later (test/native runs 0.76's and the newest):
// keep to what 0.76 accepts. It knows no `CodegenTypes` namespace, hence the type-only deep import
// (erased, so no deep-import warning at run time), and no string-literal types (its parser refuses a
// lone one, its iOS generator a union in a parameter's type): a field holding one of a fixed set is a
// `string` whose doc comment starts with the set, which test/native checks the Kotlin and Swift against
// and the binding narrows to keepcall's types.
import type { TurboModule } from 'react-native';
import { TurboModuleRegistry } from 'react-native';
// biome-ignore lint/suspicious/noReactNativeDeepImports: codegen 0.76 knows these names only; type-only, so erased.
import type { Double, EventEmitter, Int32 } from 'react-native/Libraries/Types/CodegenTypes';

/** One notification button; `id` is what the receiver reports back. */
export type NativeNotificationAction = {
  /** 'hangup' | 'mute' | 'unmute', or the app's own id for kind 'app' (reported by onNotificationAction). */
  id: string;
  label: string;
  /** 'app': one of the app's own buttons; missing for keepcall's. */
  kind?: string | null;
};

/** What a tap on the notification opens, directly (no trampoline, A11); reported by onNotificationTapped. */
export type NativeNotificationTap = {
  /** 'launch' | 'activity' | 'uri' */
  kind: string;
  /** kind 'activity': the app's activity, by fully-qualified class name. */
  name?: string | null;
  /** kind 'uri': a deep link, viewed (ACTION_VIEW) by the app's activity that handles it. */
  uri?: string | null;
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
  /** 'call' */
  category: string;
  immediate: boolean;
  ongoing: boolean;
  /** 'public' | 'private' | 'secret' */
  visibility: string;
  startedAt: Double;
  muted: boolean;
  actions: NativeNotificationAction[];
  tap: NativeNotificationTap;
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
  /** 'connecting' | 'connected' */
  phase: string;
  muted: boolean;
  held: boolean;
  hasVideo: boolean;
  displayName?: string | null;
};

/** What the device holds now: the service (Android), the CallKit calls and the provider's settings (iOS). */
export type NativeSnapshot = {
  service: NativeServiceState;
  calls: NativeCallKitCall[];
  /** iOS: what configureCallKit was last sent, as sent (no icon when none was); null before the first. */
  provider?: NativeCallKitConfig | null;
};

/** The runtime permissions the engine reads, as `Context.checkSelfPermission` answers (Android). */
export type NativePermissions = {
  /** 'granted' | 'denied': RECORD_AUDIO. */
  microphone: string;
  /** 'granted' | 'denied': CAMERA. */
  camera: string;
  /** 'granted' | 'denied': POST_NOTIFICATIONS; `granted` below API 33, where notifications need no runtime permission. */
  notifications: string;
};

/** Facts about the device and the app's declarations. */
export type NativePlatformInfo = {
  /** 'android' | 'ios' */
  os: string;
  apiLevel: Int32;
  targetSdk: Int32;
  /** Short names of the permissions in the merged manifest. */
  declared: string[];
  /** The `foregroundServiceType`s of keepcall's service in the merged manifest. */
  serviceTypes: string[];
  /** 'active' | 'background' | 'pip' | 'destroyed': Android's, as the Activity lifecycle last said it (iOS: React Native's AppState). */
  appState?: string | null;
  /** Android: the runtime permissions now. */
  permissions?: NativePermissions | null;
};

/** How CallKit shows the app's calls (`CXProviderConfiguration`). Sent only while no CallKit call is live. */
export type NativeCallKitConfig = {
  appName: string;
  supportsVideo: boolean;
  includesCallsInRecents: boolean;
  iconTemplateImageName?: string | null;
  maximumCallGroups: Int32;
  maximumCallsPerCallGroup: Int32;
  /** 'generic' | 'phoneNumber' | 'emailAddress': the provider's one supported handle type. */
  handleType: string;
};

/**
 * A CallKit call to start: the request, how CallKit names it, the audio session it asks for (set when
 * CallKit performs the start, when WebRTC's audio also goes manual until CallKit activates the session),
 * and the `CXCallUpdate` reported once the start succeeded.
 */
export type NativeCallKitStart = {
  callId: string;
  uuid: string;
  hasVideo: boolean;
  displayName?: string | null;
  /** 'generic' | 'phoneNumber' | 'emailAddress' */
  handleType: string;
  handleValue: string;
  /** 'playAndRecord' */
  audioCategory: string;
  /** 'voiceChat' | 'videoChat' */
  audioMode: string;
  allowBluetooth: boolean;
  supportsHolding: boolean;
  supportsGrouping: boolean;
  supportsUngrouping: boolean;
  supportsDTMF: boolean;
};

/** A CallKit call to start or report. */
export type NativeCallKitRequest = {
  callId: string;
  uuid: string;
  hasVideo: boolean;
  displayName?: string | null;
};

/**
 * What CallKit shows of a live call, changed (video turned on or off, the name arrived): the
 * `CXCallUpdate` of `reportCall(with:updated:)`. CallKit keeps a name already shown when none is sent.
 */
export type NativeCallKitUpdate = {
  callId: string;
  uuid: string;
  hasVideo: boolean;
  displayName?: string | null;
  /** 'generic' | 'phoneNumber' | 'emailAddress' */
  handleType: string;
  handleValue: string;
};

export type NativeHangupEvent = {
  callId: string;
  /** 'notification' | 'callkit' */
  source: string;
};
export type NativeMuteEvent = {
  callId: string;
  muted: boolean;
  /** 'notification' | 'callkit' */
  source: string;
};
export type NativeHoldEvent = {
  callId: string;
  held: boolean;
  /** 'notification' | 'callkit' */
  source: string;
};
export type NativeServiceTypesEvent = { types: string[] };
/** `types`: the fallback the service took; `reason`: the KeepCallErrorCode of what the types asked for got. */
export type NativeServiceNarrowedEvent = { types: string[]; reason: string };
/** `code` is a KeepCallErrorCode, `exception` the platform's exception class. */
export type NativeServiceFailedEvent = { code: string; message: string; exception: string };
export type NativeServiceTimeoutEvent = { fgsType: string };
/**
 * From the Activity lifecycle (Android). `destroyed`: the activity went away while the process lives
 * (A18). `permissions` comes with `active`: the user may have changed them while away (A6).
 */
export type NativeAppStateEvent = {
  /** 'active' | 'background' | 'pip' | 'destroyed' */
  state: string;
  permissions?: NativePermissions | null;
};
export type NativeNotificationEvent = { callId: string };
/** One of the app's own notification buttons was pressed: its `id`, and the call the notification shows. */
export type NativeNotificationActionEvent = { callId: string; id: string };
export type NativeCallKitEndedEvent = {
  callId: string;
  uuid: string;
  /** 'local' | 'remote' | 'failed' */
  reason: string;
};

export interface Spec extends TurboModule {
  /** Read once at start; synchronous because the engine needs it to build its model. */
  getPlatformInfo(): NativePlatformInfo;
  snapshot(): Promise<NativeSnapshot>;
  createNotificationChannel(id: string, name: string): Promise<void>;

  // `fallbacks`: what the first startForeground() falls back to, in order, when the platform refuses
  // `types` (A1); the service reports the one it took (onServiceNarrowed), or fails with none.
  startService(notification: NativeNotificationSpec, types: string[], fallbacks: string[][]): Promise<void>;
  updateService(notification: NativeNotificationSpec, types: string[], fallbacks: string[][]): Promise<void>;
  stopService(): Promise<void>;

  // The CallKit methods reject with the name of CallKit's CXErrorCodeRequestTransactionError code as the
  // code ('unknownCallUUID', …; core/ios/errors.ts lists them), or 'callkit-transaction-failed'.
  configureCallKit(config: NativeCallKitConfig): Promise<void>;
  startCallKitCall(call: NativeCallKitStart): Promise<void>;
  reportCallKitConnecting(call: NativeCallKitRequest): Promise<void>;
  reportCallKitConnected(call: NativeCallKitRequest): Promise<void>;
  /** Tells CallKit what its UI should now show of a live call (video, name, handle). */
  updateCallKitCall(call: NativeCallKitUpdate): Promise<void>;
  endCallKitCall(callId: string, uuid: string, reason: string): Promise<void>;
  setCallKitMuted(callId: string, uuid: string, muted: boolean): Promise<void>;
  setCallKitHeld(callId: string, uuid: string, held: boolean): Promise<void>;

  readonly onHangup: EventEmitter<NativeHangupEvent>;
  readonly onMute: EventEmitter<NativeMuteEvent>;
  readonly onHold: EventEmitter<NativeHoldEvent>;
  readonly onNotificationDismissed: EventEmitter<NativeNotificationEvent>;
  /** The notification's tap opened the app (Android: the activity it names saw the tap's intent). */
  readonly onNotificationTapped: EventEmitter<NativeNotificationEvent>;
  readonly onNotificationAction: EventEmitter<NativeNotificationActionEvent>;
  readonly onServiceStarted: EventEmitter<NativeServiceTypesEvent>;
  readonly onServiceNarrowed: EventEmitter<NativeServiceNarrowedEvent>;
  readonly onServiceFailed: EventEmitter<NativeServiceFailedEvent>;
  readonly onServiceTimeout: EventEmitter<NativeServiceTimeoutEvent>;
  readonly onServiceStopped: EventEmitter<void>;
  readonly onServiceDestroyed: EventEmitter<void>;
  readonly onTaskRemoved: EventEmitter<void>;
  readonly onAppStateChanged: EventEmitter<NativeAppStateEvent>;
  readonly onCallKitEnded: EventEmitter<NativeCallKitEndedEvent>;
  readonly onAudioSessionActivated: EventEmitter<void>;
  readonly onAudioSessionDeactivated: EventEmitter<void>;
}

// `get`, not `getEnforcing`: without the native module (Jest, an app not rebuilt) importing keepcall must
// not throw; missing.ts turns the absence into a clear error at first use.
export default TurboModuleRegistry.get<Spec>('KeepCall');
