// The web's part of the vocabulary: the Media Session, the service-worker notification and the wake
// lock, as the web port applies them (PLATFORM_RULES W1–W5).

/** The Media Session actions keepcall registers, including the conferencing ones (W3). */
export type MediaSessionAction = 'hangup' | 'togglemicrophone' | 'togglecamera' | 'enterpictureinpicture';

/** What the Media Session shows: the call's metadata, its buttons, and the microphone and camera state. */
export interface MediaSessionSpec {
  callId: string;
  title: string;
  artist: string;
  actions: MediaSessionAction[];
  microphoneActive: boolean;
  cameraActive: boolean;
}

/** The notification the service worker shows while the page is hidden. */
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

/** The web keeper: what the page holds while a call is live. */
export interface WebKeeper {
  session: MediaSessionSpec | null;
  notification: WebNotificationSpec | null;
  wakeLock: boolean;
  /** The page asks "Leave site?" before it is closed or reloaded (`beforeunload`). */
  unloadGuard: boolean;
}
