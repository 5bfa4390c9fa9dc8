// Android's part of the vocabulary: foreground-service types and profiles, and the ongoing-call
// notification native code draws exactly as specified (PLATFORM_RULES A3, A11, A14, A17).

/** Android foreground-service types keepcall may ask for. */
export type FgsType = 'mediaPlayback' | 'microphone' | 'camera' | 'phoneCall';
/** Which set of types to use: `media` (default) or `phoneCall` (needs MANAGE_OWN_CALLS, A17). */
export type FgsProfile = 'media' | 'phoneCall';
/** Who sees the notification's content on the lock screen (`Notification.VISIBILITY_*`). */
export type LockScreenVisibility = 'public' | 'private' | 'secret';

/** keepcall's own notification buttons. */
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

/** The foreground service as keepcall wants it (or as the device holds it): its notification and types. */
export interface AndroidKeeper {
  notification: NotificationSpec;
  types: FgsType[];
  /** The service runs but the user swiped its notification away: posted again when the policy wants one. */
  dismissed?: true;
}
