// What one platform brings to the engine: its policy, its diff, and how its keeper changes. A bundle
// for one platform carries only that platform's kit.
import type { Model } from './model';
import type { Note } from './note';
import type { CallKitEndReason, Command, Keeper, Os, PortEvent } from './types';

export interface PlatformKit {
  readonly os: Os;
  /** What the device holds when nothing is kept. */
  readonly empty: Keeper;
  /** The keeper the platform should hold for this model, and why it falls short of what the calls need. */
  desired(model: Model, actual: Keeper): { keeper: Keeper; notes: Note[] };
  /** The few commands that move `actual` to `desired`; running it on its own output yields nothing. */
  reconcile(actual: Keeper, desired: Keeper, endReasons: Record<string, CallKitEndReason>): Command[];
  /** `actual` after `command` succeeded on the device. */
  apply(actual: Keeper, command: Command): Keeper;
  /** `actual` after the device reported something it did on its own (system UI, the OS, the user). */
  applyEvent(actual: Keeper, event: PortEvent): Keeper;
  /** The part of a device snapshot this platform's keeper is made of. */
  adopt(snapshot: Keeper): Keeper;
}

/** Structural equality of plain data (the keeper holds nothing else). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) =>
    deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
