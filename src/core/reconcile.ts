// The pure diff from what the device holds to what it should hold. Running it on its own output yields nothing.
import type { CallKitCall, CallKitEndReason, Command, Keeper, NotificationSpec } from './types';

/** The few commands that move `actual` to `desired`; only the platforms `desired` names are touched. */
export function reconcile(
  actual: Keeper,
  desired: Keeper,
  endReasons: Record<string, CallKitEndReason> = {},
): Command[] {
  const commands: Command[] = [];
  if ('android' in desired)
    commands.push(...reconcileAndroid(actual.android ?? null, desired.android ?? null));
  if ('ios' in desired) commands.push(...reconcileIos(actual.ios ?? {}, desired.ios ?? {}, endReasons));
  if ('web' in desired && desired.web) commands.push(...reconcileWeb(actual.web, desired.web));
  return commands;
}

function reconcileAndroid(actual: Keeper['android'], desired: Keeper['android']): Command[] {
  if (!actual && !desired) return [];
  if (!actual && desired)
    return [{ kind: 'service.start', notification: desired.notification, types: desired.types }];
  if (actual && !desired) return [{ kind: 'service.stop' }];
  if (actual && desired) {
    const same =
      sameNotification(actual.notification, desired.notification) && sameSet(actual.types, desired.types);
    if (!same) return [{ kind: 'service.update', notification: desired.notification, types: desired.types }];
  }
  return [];
}

function reconcileIos(
  actual: Record<string, CallKitCall>,
  desired: Record<string, CallKitCall>,
  endReasons: Record<string, CallKitEndReason>,
): Command[] {
  const commands: Command[] = [];
  for (const [callId, held] of Object.entries(actual)) {
    if (!(callId in desired)) {
      commands.push({ kind: 'callkit.end', callId, uuid: held.uuid, reason: endReasons[callId] ?? 'local' });
    }
  }
  for (const [callId, want] of Object.entries(desired)) {
    const have = actual[callId];
    const { uuid, hasVideo, displayName } = want;
    const base =
      displayName === undefined ? { callId, uuid, hasVideo } : { callId, uuid, hasVideo, displayName };
    if (have && have.uuid !== uuid) {
      commands.push({ kind: 'callkit.end', callId, uuid: have.uuid, reason: 'local' });
    }
    const fresh = !have || have.uuid !== uuid;
    if (fresh) commands.push({ kind: 'callkit.start', ...base }, { kind: 'callkit.connecting', ...base });
    if (want.phase === 'connected' && (fresh || have?.phase !== 'connected')) {
      commands.push({ kind: 'callkit.connected', ...base });
    }
    if (want.muted !== (fresh ? false : have?.muted))
      commands.push({ kind: 'callkit.mute', callId, uuid, muted: want.muted });
    if (want.held !== (fresh ? false : have?.held))
      commands.push({ kind: 'callkit.hold', callId, uuid, held: want.held });
  }
  return commands;
}

function reconcileWeb(actual: Keeper['web'], desired: NonNullable<Keeper['web']>): Command[] {
  const have = actual ?? { session: null, notification: null, wakeLock: false };
  const commands: Command[] = [];
  if (!deepEqual(have.session, desired.session))
    commands.push({ kind: 'web.session', session: desired.session });
  if (!deepEqual(have.notification, desired.notification)) {
    commands.push({ kind: 'web.notification', notification: desired.notification });
  }
  if (have.wakeLock !== desired.wakeLock) commands.push({ kind: 'web.wakeLock', held: desired.wakeLock });
  return commands;
}

function sameNotification(a: NotificationSpec, b: NotificationSpec): boolean {
  return deepEqual(a, b);
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** Structural equality of plain data (the keeper holds nothing else). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
