// How the Android keeper (the foreground service and its notification) is diffed and how commands change it.
import { deepEqual } from '../equal';
import type { PlatformKit } from '../platform-kit';
import type { Command, FgsType, Keeper } from '../types';
import { fallbacksFor } from './fallbacks';

type Service = NonNullable<Keeper['android']>;

/** Whether two type lists hold the same types (as sets: order changes nothing). */
export function sameTypes(a: readonly FgsType[], b: readonly FgsType[]): boolean {
  return a.length === b.length && b.every((type) => a.includes(type));
}

/** Whether two services show the same notification with the same types, both posted or both dismissed. */
export function sameService(a: Service, b: Service): boolean {
  return (
    a.dismissed === b.dismissed && sameTypes(a.types, b.types) && deepEqual(a.notification, b.notification)
  );
}

/** start, update or stop: the one command that moves the service from `actual` to `desired`. */
export function reconcileAndroid(actual: Keeper, desired: Keeper): Command[] {
  const have = actual.android;
  const want = desired.android;
  if (!want) return have ? [{ kind: 'service.stop' }] : [];
  if (have && sameService(have, want)) return [];
  return [
    {
      kind: have ? 'service.update' : 'service.start',
      notification: want.notification,
      types: want.types,
      fallbacks: fallbacksFor(want.types),
    },
  ];
}

/** `actual` after a service command succeeded: a start or update posts the notification. */
export const applyAndroid: PlatformKit['apply'] = (actual, command) => {
  if (command.kind === 'service.stop') return { ...actual, android: null };
  if (command.kind === 'service.start' || command.kind === 'service.update')
    return { ...actual, android: { notification: command.notification, types: [...command.types] } };
  return actual;
};
