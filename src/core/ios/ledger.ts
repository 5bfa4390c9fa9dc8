// What iOS remembers about calls beyond the model's calls: the CallKit UUID each one is known by, and
// why each recently ended one ended. No other platform's bundle carries it.
import type { Model } from '../model';
import type { KitView } from '../platform-kit';
import { hasEntry } from '../records';
import type { CallKitEndReason, Keeper } from '../types';
import type { IosMemory } from './memory';

const randomUuid = () => globalThis.crypto.randomUUID();

/** A fresh runtime's memory: no UUIDs yet, nothing ended. */
export const freshMemory = (): IosMemory => ({ uuids: new Map(), ended: new Map() });

/** A call seen for the first time gets its UUID; one seen again after it ended is no longer ended. */
export function callAdded(callId: string, memory: IosMemory, newUuid?: () => string): void {
  if (!memory.uuids.has(callId)) memory.uuids.set(callId, (newUuid ?? randomUuid)());
  memory.ended.delete(callId);
}

/** The reason is what `callkit.end` tells CallKit once the policy drops the call. */
export function callEnded(callId: string, reason: CallKitEndReason, memory: IosMemory): void {
  memory.ended.set(callId, reason);
}

/**
 * I8: the device's map wins; a UUID made before the snapshot arrived was never used. Returns whether
 * CallKit holds a call no tracked call claims yet: an adopted one, which waits for the adoption grace.
 */
export function adopted(actual: Keeper, { model, memory }: KitView<IosMemory>): boolean {
  for (const [callId, entry] of Object.entries(actual.ios ?? {})) {
    if (!memory.ended.has(callId)) memory.uuids.set(callId, entry.uuid);
  }
  return awaitsTracking(actual, model);
}

/** I8: whether CallKit holds a call (other than `except`) no tracked call claims yet. */
export function awaitsTracking(actual: Keeper, model: Model, except?: string): boolean {
  return Object.keys(actual.ios ?? {}).some((id) => id !== except && !model.calls.has(id));
}

/** Ended calls are remembered only while the device still holds them, so memory stays flat. */
export function forgetEnded(actual: Keeper, model: Model, memory: IosMemory): boolean {
  const onDevice = actual.ios;
  for (const id of memory.ended.keys()) if (!hasEntry(onDevice, id)) memory.ended.delete(id);
  for (const id of memory.uuids.keys())
    if (!hasEntry(onDevice, id) && !model.calls.has(id)) memory.uuids.delete(id);
  return memory.ended.size > 0;
}
