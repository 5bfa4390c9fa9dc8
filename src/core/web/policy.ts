// Web policy: Media Session, the service-worker notification and the wake lock (PLATFORM_RULES W1–W5).
import { isVisible, liveCalls, type Model } from '../model';
import type { Keeper, MediaSessionAction } from '../types';

type WebKeeper = NonNullable<Keeper['web']>;

/** The tag every ongoing-call notification uses, so a second one replaces the first. */
export const WEB_NOTIFICATION_TAG = 'keepcall-ongoing-call';

/** What the page should expose now for the most recent joined call. */
export function desiredWeb(model: Model): WebKeeper {
  const config = model.config.web;
  const call = liveCalls(model).find((candidate) => candidate.phase !== 'joining');
  if (!call) return { session: null, notification: null, wakeLock: false };
  const title = call.displayName ?? config.notificationTexts.title;

  const actions: MediaSessionAction[] = ['hangup'];
  if (call.media.audio) actions.push('togglemicrophone');
  actions.push('togglecamera');
  const pip =
    config.pictureInPicture === 'always' || (config.pictureInPicture === 'video' && call.media.video);
  if (pip) actions.push('enterpictureinpicture');

  const session = config.mediaSession
    ? {
        callId: call.id,
        title,
        artist: config.notificationTexts.title,
        actions,
        microphoneActive: call.media.audio && !call.media.muted,
        cameraActive: call.media.video,
      }
    : null;
  const visible = isVisible(model.app);
  // W5: Chromium shows two actions at most.
  const notification =
    config.notification && !visible && model.app !== 'destroyed'
      ? {
          callId: call.id,
          tag: WEB_NOTIFICATION_TAG,
          title: config.notificationTexts.title,
          body: call.displayName
            ? `${call.displayName} · ${config.notificationTexts.body}`
            : config.notificationTexts.body,
          actions: [
            { action: 'return' as const, title: config.actionLabels.return },
            { action: 'hangup' as const, title: config.actionLabels.hangup },
          ],
        }
      : null;
  // W4: a wake lock only holds while the page is visible.
  const wakeLock = config.wakeLock && call.media.video && model.app === 'active';
  return { session, notification, wakeLock };
}
