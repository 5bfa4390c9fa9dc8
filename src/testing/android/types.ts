// The Android model's inputs, controls and observations.
import type {
  AppState,
  Command,
  FgsType,
  NotificationSpec,
  NotificationTap,
  Permissions,
  PlatformInfo,
  Port,
} from '../../core/types';
import type { VirtualClock } from '../clock';
import type { RuleLogEntry } from '../emitter';

/** keepcall's types plus the ones a naive service might ask for (A9); only for the model's inputs. */
export type AndroidFgsType = FgsType | 'shortService' | 'dataSync' | 'mediaProcessing';

/** A notification as a naive service might build it: any category (A8), perhaps no tap target (the launch activity). */
export type AndroidNotification = Omit<NotificationSpec, 'category' | 'tap'> & {
  category: NotificationSpec['category'] | 'service' | 'progress' | null;
  tap?: NotificationTap;
};

/** keepcall's commands, or a naive driver's wider ones. */
export type AndroidCommand =
  | Exclude<Command, { kind: 'service.start' | 'service.update' }>
  | {
      kind: 'service.start' | 'service.update';
      notification: AndroidNotification;
      types: readonly AndroidFgsType[];
      /** What a refused first promotion falls back to, in order (A1); none when absent. */
      fallbacks?: readonly (readonly AndroidFgsType[])[];
    };

/** Runtime (dangerous) permissions the model tracks. */
export type AndroidRuntimePermission = 'RECORD_AUDIO' | 'CAMERA' | 'POST_NOTIFICATIONS';

/** Standing exemptions from the background-start restriction (A2). */
export type AndroidExemption =
  | 'batteryOptimizationOff'
  | 'highPriorityFcm'
  | 'exactAlarm'
  /** Started from a notification or widget tap: also a user-visible context for while-in-use (A4). */
  | 'notificationTap';

export interface AndroidDeviceOptions {
  /** SDK_INT, 29–37. */
  apiLevel: number;
  /** targetSdkVersion; defaults to apiLevel. */
  targetSdk?: number;
  /** Manifest permissions, short names (`FOREGROUND_SERVICE_MICROPHONE`). */
  declared?: string[];
  /** The manifest's foregroundServiceType on keepcall's service; default: the library manifest's four types. */
  serviceTypes?: AndroidFgsType[];
  /** Runtime permissions granted at the start. */
  granted?: AndroidRuntimePermission[];
  /** Initial app state; default `active`. */
  app?: AppState;
  exemptions?: AndroidExemption[];
  /**
   * true (default): keepcall's native service — a refused first promotion is retried at once with each
   * of the command's `fallbacks` in turn, the first accepted reported (`service.narrowed`), and a stop
   * before promotion waits for it.
   * false: a naive service that only catches what `startForeground()` throws (A1).
   */
  nativeFallback?: boolean;
  /** `android:stopWithTask` on the service (A18); default false, so JavaScript decides. */
  stopWithTask?: boolean;
  /** Time from `startForegroundService()` to the service's `startForeground()`; default 0. */
  promotionDelayMs?: number;
  /** How long after leaving the screen the app still counts as visible (A2/A4 grace); default 5000. */
  visibilityGraceMs?: number;
  /** A clock to share with the runtime; one is created when absent. */
  clock?: VirtualClock;
}

/** What the ongoing-call notification looks like to the user. */
export interface AndroidNotificationObservation {
  /** In the drawer now (A7 blocked, A8 delayed, or dismissed → false). */
  visible: boolean;
  dismissible: boolean;
  /** The notification as rendered: `callStyle` false where CallStyle could not be used (A14). */
  spec: AndroidNotification;
}

/** What a person holding the device would notice. */
export interface AndroidObservation {
  processAlive: boolean | 'unknown';
  crashed: null | { exception: string; rule: string };
  service: { running: boolean; foreground: boolean; types: readonly AndroidFgsType[] };
  notification: null | AndroidNotificationObservation;
  /**
   * Whether the microphone/camera work now. 'unknown' for a type a running service added from the
   * background below API/target 34, where startForeground() does not throw and the rules do not say
   * whether the type gets while-in-use access (A4–A6).
   */
  microphoneCaptures: boolean | 'unknown';
  cameraCaptures: boolean | 'unknown';
  /** Remote audio heard; 'unknown' where the process may be frozen or killed by the vendor. */
  audioPlays: boolean | 'unknown';
}

/** The Android model: a Port plus test controls and observations. */
export interface AndroidDevice extends Port {
  /** Runs a command (keepcall's or a naive one); resolves with its place in the device's order. */
  run(command: AndroidCommand): Promise<number>;
  readonly clock: VirtualClock;
  /** The rules the device applied, in order: the latest HISTORY_LIMIT (1000), so long runs stay flat. */
  readonly log: RuleLogEntry[];
  platformInfo(): PlatformInfo;
  /** The runtime permissions as a runtime's `permissions` option expects them. */
  permissions(): Permissions;
  /** The app state now, for a runtime's `app` option. */
  appState(): AppState;
  observe(): AndroidObservation;
  setApp(state: AppState): void;
  /** The user swipes the app away from Recents (A18). */
  removeTask(): void;
  grant(permission: AndroidRuntimePermission): void;
  revoke(permission: AndroidRuntimePermission): void;
  /**
   * The user taps a button of the shown notification: `hangup`, `mute`, `unmute`, or the id of one of the
   * app's own actions (reported as an `action` event); throws when no such button is drawn.
   */
  tapAction(action: string): void;
  /**
   * The user taps the notification body: its PendingIntent opens the activity directly (A11), the app
   * becomes active and a `tap` event is reported. Returns what it opened.
   */
  tapNotification(): NotificationTap;
  dismissNotification(): void;
  /** The system kills the service (memory pressure, Task Manager). */
  killService(): void;
  lock(): void;
  unlock(): void;
  advance(ms: number): void;
  /** Runs `fn` between the engine's decision and the next command's execution. */
  raceBeforeNextCommand(fn: () => void): void;
  /** The next `service.start` comes from a BOOT_COMPLETED receiver (A10). */
  startNextFromBootReceiver(): void;
  /** Drops every subscriber, as a JavaScript reload does; the service and notification stay. */
  reloadJs(): void;
}
