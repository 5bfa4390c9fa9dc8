// Configuration: documented defaults, deep merge, and validation (see validate.ts).
import type {
  AppAction,
  CallLike,
  ClientLike,
  FgsProfile,
  LockScreenVisibility,
  NotificationTap,
} from './types';

/** Runs in the app's JavaScript runtime while the keeper runs; `signal` aborts when it stops. */
export type TaskToRun = (call: CallLike, context: { signal: AbortSignal }) => Promise<unknown>;

export interface AndroidServiceConfig {
  channel: { id: string; name: string };
  notificationTexts: { title: string; body: string };
  actionLabels: { hangup: string; mute: string; unmute: string };
  /** Drawable resource name for the status-bar icon; the app icon when missing. */
  smallIcon: string;
  /**
   * `media` or `phoneCall`; unset (the default, or `null` to go back to it), the profile the app's manifest
   * declares (see manifestProfile in core/android/policy.ts).
   */
  profile?: FgsProfile;
  lockScreenVisibility: LockScreenVisibility;
  /** How long the keeper lingers after the last call ends, so leave-then-join does not flap. */
  stopDebounceMs: number;
  /** End the keeper (and the calls) when the user swipes the app away (A18). */
  endOnTaskRemoved: boolean;
  taskToRun?: TaskToRun;
  /** What a tap on the notification opens: the launch activity, an activity of the app, or a deep link. */
  tap: NotificationTap;
  /** Whether the notification has keepcall's Mute/Unmute button. */
  muteAction: boolean;
  /** Up to two buttons of the app's own, after Mute; Android shows two buttons besides Hang up. */
  actions: AppAction[];
}

export interface IosConfig {
  /** Shown by CallKit; the app's display name when empty. */
  appName: string;
  supportsVideo: boolean;
  includesCallsInRecents: boolean;
  iconTemplateImageName?: string;
}

export interface WebConfig {
  mediaSession: boolean;
  notification: boolean;
  /** When to offer picture-in-picture from Media Session. */
  pictureInPicture: 'video' | 'always' | 'never';
  wakeLock: boolean;
  beforeUnloadGuard: boolean;
  notificationTexts: { title: string; body: string };
  actionLabels: { return: string; hangup: string };
  /** Up to two buttons of the app's own, after Hang up, as many as the browser shows (Notification.maxActions). */
  actions: AppAction[];
}

export interface Config {
  /** After a JavaScript reload, how long a keeper found on the device waits for its call to be tracked again. */
  adoptGraceMs: number;
  foregroundService: { android: AndroidServiceConfig };
  ios: IosConfig;
  web: WebConfig;
}

/** A deep partial of Config, as `updateConfig` takes it. */
export type ConfigInput = {
  adoptGraceMs?: number;
  foregroundService?: {
    android?: Partial<
      Omit<AndroidServiceConfig, 'channel' | 'notificationTexts' | 'actionLabels' | 'taskToRun' | 'profile'>
    > & {
      /** `null` removes a task set earlier. */
      taskToRun?: TaskToRun | null;
      /** `null` goes back to the profile the manifest declares. */
      profile?: FgsProfile | null;
      channel?: Partial<AndroidServiceConfig['channel']>;
      notificationTexts?: Partial<AndroidServiceConfig['notificationTexts']>;
      actionLabels?: Partial<AndroidServiceConfig['actionLabels']>;
    };
  };
  ios?: Partial<Omit<IosConfig, 'iconTemplateImageName'>> & {
    /** `null` removes an icon set earlier. */
    iconTemplateImageName?: string | null;
  };
  web?: Partial<Omit<WebConfig, 'notificationTexts' | 'actionLabels'>> & {
    notificationTexts?: Partial<WebConfig['notificationTexts']>;
    actionLabels?: Partial<WebConfig['actionLabels']>;
  };
};

/** What `setPushConfig` takes. */
export interface PushConfig {
  ios?: { enableOngoingCalls?: boolean };
  /** Rebuilds the app's client when an event arrives from the background and none exists. */
  createClient?: () => Promise<ClientLike | undefined> | ClientLike | undefined;
}

export interface PushSettings {
  enableOngoingCalls: boolean;
}

/** The documented defaults. */
export const DEFAULT_CONFIG: Config = {
  adoptGraceMs: 8000,
  foregroundService: {
    android: {
      channel: { id: 'keepcall_ongoing', name: 'Ongoing calls' },
      notificationTexts: { title: 'Call in progress', body: 'Tap to return to the call' },
      actionLabels: { hangup: 'Hang up', mute: 'Mute', unmute: 'Unmute' },
      smallIcon: 'ic_keepcall_call',
      lockScreenVisibility: 'public',
      stopDebounceMs: 1500,
      endOnTaskRemoved: true,
      tap: { kind: 'launch' },
      muteAction: true,
      actions: [],
    },
  },
  ios: { appName: '', supportsVideo: true, includesCallsInRecents: false },
  web: {
    mediaSession: true,
    notification: true,
    pictureInPicture: 'video',
    wakeLock: true,
    beforeUnloadGuard: true,
    notificationTexts: { title: 'Call in progress', body: 'Your call continues in the background' },
    actionLabels: { return: 'Return to call', hangup: 'Hang up' },
    actions: [],
  },
};

export const DEFAULT_PUSH: PushSettings = { enableOngoingCalls: false };

/** The settings `null` removes; validation refuses null for any other. */
const REMOVABLE = ['taskToRun', 'iconTemplateImageName', 'profile'];

/** Merges a validated partial over a config; functions, arrays and `tap` replace, objects merge, `null` removes. */
export function mergeConfig(base: Config, input: ConfigInput): Config {
  return deepMerge(base, input) as Config;
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    // A tap target is one of three shapes: another kind's fields must not linger in it.
    if (value !== null) out[key] = key === 'tap' ? value : deepMerge(base[key], value);
    // Only optional settings may be removed; a release build, which skips validation, keeps the others.
    else if (REMOVABLE.includes(key)) delete out[key];
  }
  return out;
}

/** Whether `value` is an object that is not an array (what a config or a patch of one is). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
