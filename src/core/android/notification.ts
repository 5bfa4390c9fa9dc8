// The ongoing-call notification Android shows while the service runs (PLATFORM_RULES A7, A14).
import { type Model, shownName } from '../model';
import type { Note } from '../note';
import type { CallState, NotificationSpec } from '../types';

/**
 * The notification for the most recent call; its timer starts at the join and survives updates. Android
 * draws two buttons besides Hang up (CallStyle's two custom actions, A14; three buttons in all below API
 * 31): Mute first, then the app's own; one that does not fit is left out and named in `notes`.
 */
export function notificationFor(model: Model, call: CallState, notes: Note[] = []): NotificationSpec {
  const config = model.config.foregroundService.android;
  const override = model.notificationOverride ?? {};
  const muted = call.media.muted;
  const actions: NotificationSpec['actions'] = [{ id: 'hangup', label: config.actionLabels.hangup }];
  if (call.media.audio && config.muteAction) {
    actions.push(
      muted
        ? { id: 'unmute', label: config.actionLabels.unmute }
        : { id: 'mute', label: config.actionLabels.mute },
    );
  }
  for (const { id, label } of config.actions) {
    if (actions.length < 3) actions.push({ kind: 'app', id, label });
    else
      notes.push({
        code: 'invalid-config',
        message: `foregroundService.android.actions: no room for "${id}" beside Hang up and Mute; set muteAction: false`,
      });
  }
  return {
    channelId: override.channelId ?? config.channel.id,
    channelName: override.channelName ?? config.channel.name,
    title: override.title ?? config.notificationTexts.title,
    body: override.body ?? config.notificationTexts.body,
    smallIcon: override.smallIcon ?? config.smallIcon,
    callId: call.id,
    // CallStyle needs a person with a name (A14).
    person: override.person || shownName(call) || config.notificationTexts.title,
    callStyle: (model.platform.apiLevel ?? 0) >= 31,
    category: 'call',
    immediate: true,
    ongoing: true,
    visibility: override.visibility ?? config.lockScreenVisibility,
    startedAt: call.joinedAt ?? call.seenAt,
    muted,
    actions,
    tap: config.tap,
  };
}
