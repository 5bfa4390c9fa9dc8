// What Android remembers across events, and why: the task removed (A18), a service that may need
// promoting again (A4–A6), the stop debounce, and a service adopted after a reload.
import { isVisible, type Model } from '../model';
import type { KitView, Reduction } from '../platform-kit';
import type { Command, FgsType, Keeper, PlatformInfo } from '../types';
import { sameTypes } from './diff';
import type { AndroidMemory } from './memory';
import { WHILE_IN_USE_TYPES } from './service-types';

/** A fresh runtime's memory: nothing removed, nothing to promote again. */
export const freshMemory = (): AndroidMemory => ({ taskRemoved: false, repromote: false });

/**
 * A18: the user swiped the task away. With endOnTaskRemoved (as the setting is now) the calls are hung
 * up and the keeper ends, both or neither, like stopWithTask; without it nothing changes.
 */
export function taskRemoved(model: Model): Reduction<AndroidMemory> {
  if (!model.config.foregroundService.android.endOnTaskRemoved) return {};
  return { memory: { taskRemoved: true }, hangUp: [...model.calls.keys()] };
}

/**
 * A18: the task exists again once the app is visible, or once a call joins after the removal ended the
 * others: that call is kept if it can be, or the policy says why not (A2), rather than dropped unsaid.
 */
export const taskBack: Partial<AndroidMemory> = { taskRemoved: false };

/** The stop debounce: how long the keeper lingers after the last call left on its own. */
export const lingerMs = (model: Model): number => model.config.foregroundService.android.stopDebounceMs;

/** Where Android accepts a while-in-use type without the access (it throws from API 34 for target 34+). */
function mayLackWhileInUse({ apiLevel = 0, targetSdk }: PlatformInfo): boolean {
  return apiLevel >= 30 && (apiLevel < 34 || (targetSdk ?? apiLevel) < 34);
}

const isWhileInUse = (type: FgsType): boolean => WHILE_IN_USE_TYPES.includes(type);

/**
 * A4–A6: startForeground() runs only when the types change; one made while the app was visible gave the
 * service while-in-use access, one made while it was not may have been accepted without it. Cleared by
 * the first half of a re-promotion, so the policy decides again for the second.
 */
export function typesApplied(
  command: Command,
  before: Keeper,
  { model, memory }: KitView<AndroidMemory>,
): Reduction<AndroidMemory> | undefined {
  if (command.kind !== 'service.start' && command.kind !== 'service.update') return undefined;
  if (sameTypes(command.types, before.android?.types ?? [])) return undefined;
  const repromote = isVisible(model.app)
    ? false
    : memory.repromote || (mayLackWhileInUse(model.platform) && command.types.some(isWhileInUse));
  return repromote === memory.repromote ? undefined : { memory: { repromote } };
}

/** The runtimes (by memory) whose first snapshot was adopted. */
const adoptedOnce = new WeakSet<AndroidMemory>();

/**
 * A service found at start-up (a JavaScript reload) may hold while-in-use types without the access
 * (started in a race to the background): nothing says, so it is promoted again when visible. Returns
 * whether the service waits for its call to be tracked again (the adoption grace).
 */
export function serviceAdopted(actual: Keeper, { model, memory }: KitView<AndroidMemory>): boolean {
  if (!adoptedOnce.has(memory)) {
    adoptedOnce.add(memory);
    if (mayLackWhileInUse(model.platform) && actual.android?.types.some(isWhileInUse))
      memory.repromote = true;
  }
  return actual.android != null && model.calls.size === 0;
}
