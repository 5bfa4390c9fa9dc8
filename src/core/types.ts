// The shared vocabulary of keepcall: the model, the keeper (desired = actual shape), commands,
// the port contract and the events that flow back. Pure types: no platform imports.

/** Where the app stands, as the platform reports it. `pip` counts as visible. */
export type AppState = 'active' | 'inactive' | 'background' | 'pip' | 'destroyed';
/** A runtime permission's state. */
export type Permission = 'granted' | 'denied' | 'unknown';
/** The platform a runtime drives. */
export type Os = 'android' | 'ios' | 'web';

/** What a call is sending and receiving. */
export interface Media {
  audio: boolean;
  video: boolean;
  muted: boolean;
}

/** What a calling SDK tells keepcall about one call. */
export type CallSignal =
  | { type: 'joining' }
  /**
   * `at`: when the session joined, ms since epoch on the device's clock (the notification's timer counts
   * from it); the same for a reconnect of that session, later for a new one. A `joined` no later than an
   * end is taken as that ended session's, delivered late.
   */
  | { type: 'joined'; at: number; media: Media }
  | { type: 'reconnecting' }
  | { type: 'left' }
  | { type: 'closed'; reason?: string }
  | { type: 'media'; media: Media };

/** The whole contract with a calling SDK: an id, its signals, and two controls. */
export interface CallLike {
  id: string;
  displayName?: string;
  subscribe(listener: (signal: CallSignal) => void): () => void;
  hangup(): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  /** Optional: lets the Media Session camera button and PiP controls turn the camera on and off. */
  setCameraEnabled?(enabled: boolean): Promise<void>;
}

/** A client that can find a call again after the app was started in the background. */
export interface ClientLike {
  getCall(callId: string): CallLike | undefined | Promise<CallLike | undefined>;
}

export type CallPhase = 'joining' | 'joined' | 'reconnecting' | 'held';

/** One call as the engine knows it. */
export interface CallState {
  id: string;
  phase: CallPhase;
  media: Media;
  /** When the call was joined (ms since epoch); the notification's timer counts from here. */
  joinedAt?: number;
  /** When keepcall first saw the call; the timer's start before the join completes. */
  seenAt: number;
  /** Monotonic order of arrival, renewed at the first join; the most recently joined call is shown. */
  order: number;
  displayName?: string;
}

/** Android foreground-service types keepcall may ask for. */
export type FgsType = 'mediaPlayback' | 'microphone' | 'camera' | 'phoneCall';
/** Which set of types to use: `media` (default) or `phoneCall` (needs MANAGE_OWN_CALLS, A17). */
export type FgsProfile = 'media' | 'phoneCall';
export type LockScreenVisibility = 'public' | 'private' | 'secret';

/** Facts about the device and the app's declarations. */
export interface PlatformInfo {
  os: Os;
  /** Android API level (SDK_INT). */
  apiLevel?: number;
  /** Android target SDK. */
  targetSdk?: number;
  /** Permissions the app declares in its manifest, short names (`FOREGROUND_SERVICE_MICROPHONE`). */
  declared: string[];
  /** The `foregroundServiceType`s declared on keepcall's service in the merged manifest. */
  serviceTypes?: FgsType[];
  /** Web: how many buttons a notification shows (`Notification.maxActions`); 2 when unknown (W5). */
  notificationActions?: number;
}

export interface Permissions {
  notifications: Permission;
  microphone: Permission;
  camera: Permission;
}

export type NotificationActionId = 'hangup' | 'mute' | 'unmute';

/** A button of the app's own: its `id` comes back in an `action` event with the call's id. */
export interface AppAction {
  id: string;
  label: string;
}

/** One notification button: keepcall's own (hang up, mute, unmute) or, of kind `app`, the app's. */
export type NotificationAction = { id: NotificationActionId; label: string } | ({ kind: 'app' } & AppAction);

/**
 * What a tap on the Android notification opens, directly (A11): the app's launch activity, one of its
 * activities by fully-qualified class name, or a deep link (a URI an activity of the app handles).
 */
export type NotificationTap =
  | { kind: 'launch' }
  | { kind: 'activity'; name: string }
  | { kind: 'uri'; uri: string };

/** Everything native code needs to draw the ongoing-call notification; it decides nothing. */
export interface NotificationSpec {
  channelId: string;
  channelName: string;
  title: string;
  body: string;
  /** Drawable resource name; native falls back to the app icon when it does not exist. */
  smallIcon: string;
  /** The call the notification shows and whose hang-up it sends. */
  callId: string;
  /** The person shown (CallStyle needs one, A14). */
  person: string;
  /** Use `Notification.CallStyle.forOngoingCall` (API 31+, A14). */
  callStyle: boolean;
  category: 'call';
  /** FOREGROUND_SERVICE_IMMEDIATE (A8). */
  immediate: boolean;
  ongoing: boolean;
  visibility: LockScreenVisibility;
  /** Chronometer base, ms since epoch; stable across updates. */
  startedAt: number;
  muted: boolean;
  /** In display order; the label of `mute`/`unmute` follows the mute state. */
  actions: NotificationAction[];
  /** What a tap on the notification opens; the tap is reported as a `tap` event. */
  tap: NotificationTap;
}

/** How CallKit names the other party of a call (`CXHandle`). */
export interface CallKitHandle {
  type: 'generic' | 'phoneNumber' | 'emailAddress';
  value: string;
}

/** The audio session a CallKit call asks for: `AVAudioSession` category and mode, Bluetooth hands-free. */
export interface CallKitAudio {
  category: 'playAndRecord';
  mode: 'voiceChat' | 'videoChat';
  /** `.allowBluetooth` (HFP): a Bluetooth headset can carry both directions of the call. */
  allowBluetooth: boolean;
}

/** What the system may do with a call (`CXCallUpdate`), reported once CallKit started it. */
export interface CallKitCapabilities {
  /** The system can hold it for another call (an incoming cellular call: "Hold & Accept", I9). */
  supportsHolding: boolean;
  supportsGrouping: boolean;
  supportsUngrouping: boolean;
  supportsDTMF: boolean;
}

/** How CallKit's provider shows the app's calls (`CXProviderConfiguration`). */
export interface CallKitProvider {
  /** The app's display name when empty. */
  appName: string;
  supportsVideo: boolean;
  includesCallsInRecents: boolean;
  iconTemplateImageName?: string;
  maximumCallGroups: number;
  maximumCallsPerCallGroup: number;
  /** The one handle type the app's calls are named by. */
  handleType: CallKitHandle['type'];
}

/** A CallKit call as keepcall wants it (or as the device holds it). */
export interface CallKitCall {
  uuid: string;
  phase: 'connecting' | 'connected';
  muted: boolean;
  held: boolean;
  hasVideo: boolean;
  displayName?: string;
}

export type MediaSessionAction = 'hangup' | 'togglemicrophone' | 'togglecamera' | 'enterpictureinpicture';

export interface MediaSessionSpec {
  callId: string;
  title: string;
  artist: string;
  actions: MediaSessionAction[];
  microphoneActive: boolean;
  cameraActive: boolean;
}

export interface WebNotificationSpec {
  callId: string;
  tag: string;
  title: string;
  body: string;
  /** In display order; `app` actions are the app's own, reported as `action` events. */
  actions: WebNotificationAction[];
}

/** One button of the web notification: keepcall's Return and Hang up, or one of the app's. */
export type WebNotificationAction =
  | { action: 'return' | 'hangup'; title: string }
  | { action: 'app'; id: string; title: string };

/** What the keeper looks like; desired and actual share this shape so reconcile is a diff. */
export interface Keeper {
  android?: { notification: NotificationSpec; types: FgsType[] } | null;
  ios?: Record<string, CallKitCall>;
  web?: {
    session: MediaSessionSpec | null;
    notification: WebNotificationSpec | null;
    wakeLock: boolean;
  };
}

export type CallKitEndReason = 'local' | 'remote' | 'failed';

/** One step the port must take. Every field is computed in TypeScript. */
export type Command =
  | {
      kind: 'service.start' | 'service.update';
      notification: NotificationSpec;
      types: FgsType[];
      /** A1: what a first promotion the platform refuses falls back to, in order (android/fallbacks.ts). */
      fallbacks: FgsType[][];
    }
  | { kind: 'service.stop' }
  | {
      kind: 'callkit.start';
      callId: string;
      uuid: string;
      hasVideo: boolean;
      displayName?: string;
      handle: CallKitHandle;
      audio: CallKitAudio;
      capabilities: CallKitCapabilities;
    }
  | {
      kind: 'callkit.connecting' | 'callkit.connected';
      callId: string;
      uuid: string;
      hasVideo: boolean;
      displayName?: string;
    }
  | { kind: 'callkit.end'; callId: string; uuid: string; reason: CallKitEndReason }
  | { kind: 'callkit.mute'; callId: string; uuid: string; muted: boolean }
  | { kind: 'callkit.hold'; callId: string; uuid: string; held: boolean }
  | { kind: 'web.session'; session: MediaSessionSpec | null }
  | { kind: 'web.notification'; notification: WebNotificationSpec | null }
  | { kind: 'web.wakeLock'; held: boolean };

export type CommandKind = Command['kind'];

/** Where a user acted on the call outside the app's own UI. */
export type ActionSource = 'notification' | 'callkit' | 'mediaSession' | 'app';

/** What the device reports, including changes keepcall did not cause. */
export type PortEvent =
  | { type: 'app'; state: AppState }
  | { type: 'permission'; name: keyof Permissions; value: Permission }
  | { type: 'hangup'; callId: string; source: ActionSource }
  | { type: 'mute'; callId: string; muted: boolean; source: ActionSource }
  | { type: 'camera'; callId: string; enabled: boolean; source: ActionSource }
  | { type: 'hold'; callId: string; held: boolean; source: ActionSource }
  | { type: 'service.started'; types: FgsType[] }
  | { type: 'service.narrowed'; types: FgsType[]; reason: string }
  | { type: 'service.failed'; code: KeepCallErrorCode; message: string }
  | { type: 'service.timeout' }
  | { type: 'service.stopped' }
  | { type: 'task.removed' }
  | { type: 'callkit.ended'; callId: string; reason: CallKitEndReason }
  | { type: 'audio.activated' }
  | { type: 'audio.deactivated' }
  | { type: 'notification.dismissed' }
  /** The user tapped the notification (Android: it opened `tap`; web: the body or Return to call). */
  | { type: 'tap'; callId: string }
  /** The user pressed one of the app's own notification buttons. */
  | { type: 'action'; callId: string; id: string }
  /** A feature the platform lacks that a command could do without (one Media Session action, PiP). */
  | { type: 'unsupported'; feature: string; message: string };

/**
 * The impure edge: the native module, the web port, or a platform model. A port that numbers what
 * happens on the device (`seq`, increasing in the device's order; the React Native binding numbers in
 * arrival order, which native code keeps) lets the engine apply a report that happened before a
 * command's effect before that effect, however late it was delivered; without numbers, reports that
 * arrive while a command runs are applied after its result.
 */
export interface Port {
  /**
   * Runs one command; rejects with a KeepCallError whose code names the platform failure. May resolve
   * with the `seq` at which the command took effect.
   */
  run(command: Command): Promise<unknown>;
  /**
   * What the device holds now. Reports delivered while it is awaited are applied again over it, so each
   * report must state a result (stopped, these types, held), not a change.
   */
  snapshot(): Promise<Keeper>;
  /** Reports device events, each with its `seq` when the port numbers them; returns an unsubscribe function. */
  subscribe(listener: (event: PortEvent, seq?: number) => void): () => void;
}

/** A closed set of failure names users can switch on. */
export type KeepCallErrorCode =
  | 'start-not-allowed'
  | 'missing-permission'
  | 'type-not-declared'
  | 'did-not-start-in-time'
  | 'timeout'
  | 'notifications-blocked'
  | 'callkit-transaction-failed'
  | 'create-client-failed'
  | 'invalid-config'
  | 'task-failed'
  | 'call-control-failed'
  | 'unsupported'
  | 'port-failed';
