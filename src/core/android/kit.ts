// Android: a foreground service with an ongoing-call notification.
import { reduceAppEvent } from '../engine/app-events';
import { isErrorCode, KeepCallError } from '../errors';
import { isVisible } from '../model';
import type { PlatformKit, Reduction } from '../platform-kit';
import type { FgsType, Keeper } from '../types';
import { applyAndroid, reconcileAndroid, sameService } from './diff';
import { fallbacksFor } from './fallbacks';
import { freshMemory, lingerMs, serviceAdopted, taskBack, taskRemoved, typesApplied } from './lifecycle';
import type { AndroidMemory } from './memory';
import { desiredAndroid } from './policy';
import { createTaskRunner } from './task';

/** `actual` with the running service holding `types` (as it reported); no service, nothing changes. */
function holding(actual: Keeper, types: readonly FgsType[]): Keeper {
  const running = actual.android;
  return running ? { ...actual, android: { ...running, types: [...types] } } : actual;
}

/** The service is gone on a failure: it starts again only at the next retry moment (A6), and the app hears why. */
function gone(actual: Keeper, error: KeepCallError): Reduction {
  return { actual: { ...actual, android: null }, holdCommand: { kind: 'service.start' }, error };
}

/** The engine's Android part. */
export const androidKit: PlatformKit<AndroidMemory> = {
  os: 'android',
  // Frozen: every runtime starts from it and getState() hands it out.
  empty: Object.freeze({ android: null }),
  memory: freshMemory,
  desired(model, actual, memory) {
    const { keeper, notes } = desiredAndroid(model, actual, memory);
    return { keeper: { android: keeper }, notes };
  },
  reconcile: reconcileAndroid,
  apply: applyAndroid,
  applied: typesApplied,
  // The service's own reports say what it holds now; a failure or a narrowing waits for the next
  // moment the platform allows a retry (A6).
  reduce(event, view) {
    const { actual } = view;
    const running = actual.android;
    switch (event.type) {
      case 'service.started':
        return { actual: holding(actual, event.types) };
      case 'service.narrowed':
        return {
          actual: holding(actual, event.types),
          holdCommand: { kind: 'service.update' },
          error: new KeepCallError(
            isErrorCode(event.reason) ? event.reason : 'missing-permission',
            `the service narrowed its types to [${event.types.join(', ')}]: ${event.reason}`,
          ),
        };
      case 'service.stopped':
        return { actual: { ...actual, android: null } };
      case 'service.failed':
        return gone(actual, new KeepCallError(event.code, event.message));
      case 'service.timeout':
        return gone(
          actual,
          new KeepCallError('timeout', 'the system asked the foreground service to stop (onTimeout, A9)'),
        );
      case 'notification.dismissed':
        // The service runs on without it: the diff posts it again when the policy wants one.
        return { actual: running ? { ...actual, android: { ...running, dismissed: true } } : actual };
      case 'task.removed':
        return taskRemoved(view.model);
      case 'app': {
        const reduction: Reduction<AndroidMemory> = reduceAppEvent(event, view);
        if (isVisible(event.state)) reduction.memory = taskBack;
        return reduction;
      }
      default:
        return reduceAppEvent(event, view);
    }
  },
  adopt: (snapshot) => ({ android: snapshot.android ?? null }),
  adopted: serviceAdopted,
  lingerMs,
  callAdded(_callId, memory) {
    Object.assign(memory, taskBack);
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
  follow: createTaskRunner,
};
