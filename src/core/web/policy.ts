// Web policy: Media Session, the service-worker notification, the wake lock (PLATFORM_RULES W1–W5) and the
// "Leave site?" guard.
import { isVisible, liveCalls, type Model, shownName } from '../model';
import type { Note } from '../note';
import type { CallState, Keeper, MediaSessionAction, WebNotificationAction } from '../types';

type WebKeeper = NonNullable<Keeper['web']>;

/**
 * The tag every ongoing-call notification uses, so a second one replaces the first. A page that has a
 * name (`platform.pageId`) adds `#pageId`: two tabs in a call each keep their own notification.
 */
export const WEB_NOTIFICATION_TAG = 'keepcall-ongoing-call';

/** What the page should expose now for the most recent joined call, and what it leaves out (notes). */
export function desiredWeb(model: Model): { keeper: WebKeeper; notes: Note[] } {
  const notes: Note[] = [];
  return { keeper: webKeeper(model, notes), notes };
}

function webKeeper(model: Model, notes: Note[]): WebKeeper {
  const config = model.config.web;
  // "Leave site?" while any call is tracked (joining included), as the app asked; only then, so the
  // guard never keeps the page out of the back/forward cache outside calls.
  const unloadGuard = config.beforeUnloadGuard && model.calls.size > 0;
  const call = liveCalls(model).find((candidate) => candidate.phase !== 'joining');
  if (!call) return { session: null, notification: null, wakeLock: false, unloadGuard };
  const name = shownName(call);
  const title = name ?? config.notificationTexts.title;

  const session = config.mediaSession
    ? {
        callId: call.id,
        title,
        artist: config.notificationTexts.title,
        actions: mediaSessionActions(model, call, notes),
        microphoneActive: call.media.audio && !call.media.muted,
        cameraActive: call.media.video,
      }
    : null;
  const visible = isVisible(model.app);
  const notification =
    config.notification && !visible && model.app !== 'destroyed'
      ? {
          callId: call.id,
          tag: model.platform.pageId
            ? `${WEB_NOTIFICATION_TAG}#${model.platform.pageId}`
            : WEB_NOTIFICATION_TAG,
          title: config.notificationTexts.title,
          body: name ? `${name} · ${config.notificationTexts.body}` : config.notificationTexts.body,
          actions: notificationActions(model, notes),
        }
      : null;
  // W4: a wake lock only holds while the page is visible.
  const wakeLock = config.wakeLock && call.media.video && model.app === 'active';
  return { session, notification, wakeLock, unloadGuard };
}

/**
 * The media controls' buttons (W3). Picture-in-picture opens keepcall's Document Picture-in-Picture
 * window: where the browser has none the button would open nothing, so it is left out and said in `notes`.
 */
function mediaSessionActions(model: Model, call: CallState, notes: Note[]): MediaSessionAction[] {
  const config = model.config.web;
  const actions: MediaSessionAction[] = ['hangup'];
  if (call.media.audio) actions.push('togglemicrophone');
  actions.push('togglecamera');
  const pip =
    config.pictureInPicture === 'always' || (config.pictureInPicture === 'video' && call.media.video);
  if (pip && model.platform.pictureInPicture === false) {
    notes.push({
      code: 'unsupported',
      message:
        'documentPictureInPicture is not available in this browser: window.documentPictureInPicture is missing',
    });
  } else if (pip) actions.push('enterpictureinpicture');
  return actions;
}

/**
 * The notification's buttons, as many as the browser shows (W5: two in Chromium): Hang up first, then the
 * app's own, then Return to call, which a click on the notification itself also does. Return comes first
 * on screen when it fits. An app action that does not fit is named in `notes`.
 */
function notificationActions(model: Model, notes: Note[]): WebNotificationAction[] {
  const config = model.config.web;
  const max = model.platform.notificationActions ?? 2;
  const wanted: WebNotificationAction[] = [
    { action: 'hangup', title: config.actionLabels.hangup },
    ...config.actions.map(({ id, label }) => ({ action: 'app' as const, id, title: label })),
    { action: 'return', title: config.actionLabels.return },
  ];
  const shown = wanted.slice(0, max);
  for (const left of wanted.slice(max)) {
    if (left.action === 'app') {
      notes.push({
        code: 'unsupported',
        message: `web.actions: "${left.id}" is not shown: this browser shows ${max} notification actions (Notification.maxActions), Hang up first`,
      });
    }
  }
  const back = shown.at(-1);
  return back?.action === 'return' ? [back, ...shown.slice(0, -1)] : shown;
}
