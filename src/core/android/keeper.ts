// How the Android keeper (the foreground service and its notification) is diffed and how it changes.
import { deepEqual, type PlatformKit } from '../kit';
import type { Command, FgsType, Keeper } from '../types';
import { fallbacksFor } from './fallbacks';

type Service = NonNullable<Keeper['android']>;

/** Whether two type lists hold the same types (as sets: order changes nothing). */
export function sameTypes(a: readonly FgsType[], b: readonly FgsType[]): boolean {
  return a.length === b.length && b.every((type) => a.includes(type));
}

/** Whether two services show the same notification with the same types. */
export function sameService(a: Service, b: Service): boolean {
  return sameTypes(a.types, b.types) && deepEqual(a.notification, b.notification);
}

/** start, update or stop: the one command that moves the service from `actual` to `desired`. */
export function reconcileAndroid(actual: Keeper, desired: Keeper): Command[] {
  const have = actual.android;
  const want = desired.android;
  if (!want) return have ? [{ kind: 'service.stop' }] : [];
  if (have && sameService(have, want)) return [];
  return [{ kind: have ? 'service.update' : 'service.start', ...want, fallbacks: fallbacksFor(want.types) }];
}

/** `actual` after a service command succeeded. */
export const applyAndroid: PlatformKit['apply'] = (actual, command) => {
  if (command.kind === 'service.stop') return { ...actual, android: null };
  if (command.kind === 'service.start' || command.kind === 'service.update')
    return { ...actual, android: { notification: command.notification, types: [...command.types] } };
  return actual;
};

/** `actual` after the service reported a change of its own. */
export const applyAndroidEvent: PlatformKit['applyEvent'] = (actual, event) => {
  const running = actual.android;
  switch (event.type) {
    case 'service.narrowed':
    case 'service.started':
      return running ? { ...actual, android: { ...running, types: [...event.types] } } : actual;
    case 'service.stopped':
    case 'service.failed':
    case 'service.timeout':
      return { ...actual, android: null };
    case 'notification.dismissed':
      // The notification is gone while the service runs: mark it stale so reconcile posts it again.
      return running
        ? { ...actual, android: { ...running, notification: { ...running.notification, title: '' } } }
        : actual;
    default:
      return actual;
  }
};
