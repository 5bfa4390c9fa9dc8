// What iOS remembers about calls beyond the model's calls: the CallKit UUID each one is known by, and
// why each recently ended one ended. No other platform's bundle carries it.
import type { KitHost } from '../kit';
import type { CallKitEndReason, Keeper } from '../types';

const randomUuid = () => globalThis.crypto.randomUUID();

/** A call seen for the first time gets its UUID; one seen again after it ended is no longer ended. */
export function callAdded(callId: string, { model, newUuid }: KitHost): void {
  if (!(callId in model.uuids)) model.uuids = { ...model.uuids, [callId]: (newUuid ?? randomUuid)() };
  if (callId in model.ended) {
    const { [callId]: _old, ...rest } = model.ended;
    model.ended = rest;
  }
}

/** The reason is what `callkit.end` tells CallKit once the policy drops the call. */
export function callEnded(callId: string, reason: CallKitEndReason, { model }: KitHost): void {
  model.ended = { ...model.ended, [callId]: reason };
}

/** I8: the device's map wins; a UUID made before the snapshot arrived was never used. */
export function adopted(actual: Keeper, { model }: KitHost): void {
  for (const [callId, entry] of Object.entries(actual.ios ?? {})) {
    if (!(callId in model.ended)) model.uuids = { ...model.uuids, [callId]: entry.uuid };
  }
}

/** Ended calls are remembered only while the device still holds them, so memory stays flat. */
export function forgetEnded(actual: Keeper, { model }: KitHost): boolean {
  const held = actual.ios ?? {};
  model.ended = without(model.ended, (id) => !(id in held));
  model.uuids = without(model.uuids, (id) => !(id in held) && !(id in model.calls));
  return Object.keys(model.ended).length > 0;
}

/** `record` without the keys `gone` picks; the same object when none goes, so nothing is copied for nothing. */
function without<T>(record: Record<string, T>, gone: (id: string) => boolean): Record<string, T> {
  const ids = Object.keys(record).filter(gone);
  if (ids.length === 0) return record;
  const kept = { ...record };
  for (const id of ids) delete kept[id];
  return kept;
}
