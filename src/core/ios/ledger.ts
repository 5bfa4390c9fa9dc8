// What iOS remembers about calls beyond the model's calls: the CallKit UUID each one is known by, and
// why each recently ended one ended. No other platform's bundle carries it.
import type { KitHost } from '../platform-kit';
import { hasEntry } from '../records';
import type { CallKitEndReason, Keeper } from '../types';

const randomUuid = () => globalThis.crypto.randomUUID();

/** A call seen for the first time gets its UUID; one seen again after it ended is no longer ended. */
export function callAdded(callId: string, { model, newUuid }: KitHost): void {
  if (!model.uuids.has(callId)) model.uuids.set(callId, (newUuid ?? randomUuid)());
  model.ended.delete(callId);
}

/** The reason is what `callkit.end` tells CallKit once the policy drops the call. */
export function callEnded(callId: string, reason: CallKitEndReason, { model }: KitHost): void {
  model.ended.set(callId, reason);
}

/** I8: the device's map wins; a UUID made before the snapshot arrived was never used. */
export function adopted(actual: Keeper, { model }: KitHost): void {
  for (const [callId, entry] of Object.entries(actual.ios ?? {})) {
    if (!model.ended.has(callId)) model.uuids.set(callId, entry.uuid);
  }
}

/** Ended calls are remembered only while the device still holds them, so memory stays flat. */
export function forgetEnded(actual: Keeper, { model }: KitHost): boolean {
  const held = actual.ios;
  for (const id of model.ended.keys()) if (!hasEntry(held, id)) model.ended.delete(id);
  for (const id of model.uuids.keys())
    if (!hasEntry(held, id) && !model.calls.has(id)) model.uuids.delete(id);
  return model.ended.size > 0;
}
