// Android: a foreground service with an ongoing-call notification.
import { isErrorCode, KeepCallError } from '../errors';
import type { PlatformKit } from '../kit';
import { isVisible, type Model } from '../model';
import { createTaskRunner } from '../task';
import type { PlatformInfo } from '../types';
import { fallbacksFor } from './fallbacks';
import { applyAndroid, applyAndroidEvent, reconcileAndroid, sameService, sameTypes } from './keeper';
import { desiredAndroid, WHILE_IN_USE_TYPES } from './policy';

/** Where Android accepts a while-in-use type without the access (it throws from API 34 for target 34+). */
function mayLackWhileInUse({ apiLevel = 0, targetSdk }: PlatformInfo): boolean {
  return apiLevel >= 30 && (apiLevel < 34 || (targetSdk ?? apiLevel) < 34);
}

/** The runtimes (by model) whose first snapshot was adopted. */
const adoptedOnce = new WeakSet<Model>();

/** The engine's Android part. */
export const androidKit: PlatformKit = {
  os: 'android',
  // Frozen: every runtime starts from it and getState() hands it out.
  empty: Object.freeze({ android: null }),
  desired(model, actual) {
    const { keeper, notes } = desiredAndroid(model, actual);
    return { keeper: { android: keeper }, notes };
  },
  reconcile: reconcileAndroid,
  apply: applyAndroid,
  applyEvent: applyAndroidEvent,
  adopt: (snapshot) => ({ android: snapshot.android ?? null }),
  // A4–A6: startForeground() runs only when the types change; one made while the app was visible gave
  // the service while-in-use access, one made while it was not may have been accepted without it.
  applied(command, before, { model }) {
    if (command.kind !== 'service.start' && command.kind !== 'service.update') return false;
    if (sameTypes(command.types, before.android?.types ?? [])) return false;
    const was = model.repromote;
    if (isVisible(model.app)) model.repromote = false;
    else if (mayLackWhileInUse(model.platform)) {
      model.repromote ||= command.types.some((type) => WHILE_IN_USE_TYPES.includes(type));
    }
    // Cleared by the first half of a re-promotion: decide again for the second.
    return model.repromote !== was;
  },
  // A call that joins after the task removal ended the others is a call of its own: kept if it can be,
  // or the policy says why not (A2), rather than dropped without a word.
  callAdded(_callId, { model }) {
    model.taskRemoved = false;
  },
  // A service found at start-up (a JavaScript reload) may hold while-in-use types without the access
  // (started in a race to the background): nothing says, so it is promoted again when visible.
  adopted(actual, { model }) {
    if (adoptedOnce.has(model)) return;
    adoptedOnce.add(model);
    const types = actual.android?.types ?? [];
    if (mayLackWhileInUse(model.platform) && types.some((type) => WHILE_IN_USE_TYPES.includes(type)))
      model.repromote = true;
  },
  onEvent(event, host) {
    switch (event.type) {
      case 'task.removed':
        // Both or neither: the calls are hung up and the keeper stops as the setting says now.
        if (host.model.config.foregroundService.android.endOnTaskRemoved) {
          host.model.taskRemoved = true;
          for (const callId of [...host.model.calls.keys()]) host.hangUp(callId);
        }
        break;
      // The service is gone or narrower: try again only when the platform next allows it (A6).
      case 'service.failed':
        host.hold('service.start');
        host.report(new KeepCallError(event.code, event.message));
        break;
      case 'service.timeout':
        host.hold('service.start');
        host.report(
          new KeepCallError('timeout', 'the system asked the foreground service to stop (onTimeout, A9)'),
        );
        break;
      case 'service.narrowed':
        host.hold('service.update');
        host.report(
          new KeepCallError(
            isErrorCode(event.reason) ? event.reason : 'missing-permission',
            `the service narrowed its types to [${event.types.join(', ')}]: ${event.reason}`,
          ),
        );
        break;
    }
    return true;
  },
  // Only a widening can be refused (A6): while one waits for a retry, the notification and the types the
  // service holds go out now (a new mute label, the next call after a hang-up, a narrowing).
  allowedPart(command, actual) {
    const running = actual.android;
    if (command.kind !== 'service.update' || !running) return undefined;
    const kept = command.types.filter((type) => running.types.includes(type));
    // A service with no type is refused on API 34+: the types it holds then stay as they are.
    const types = kept.length > 0 ? kept : running.types;
    return sameService(running, { notification: command.notification, types })
      ? undefined
      : { ...command, types, fallbacks: fallbacksFor(types) };
  },
  // taskToRun runs while the service does.
  follow: (host) =>
    createTaskRunner({
      report: host.report,
      callFor: (callId) => host.handles.get(callId)?.call,
      taskToRun: () => host.model.config.foregroundService.android.taskToRun,
    }),
};
