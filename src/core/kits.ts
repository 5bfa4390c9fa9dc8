// Every platform's kit, for what runs on more than one platform (Node, tests, tools): the kit for an
// os, and the engine's pure steps over any keeper.
import { androidKit } from './android/kit';
import { iosKit } from './ios/kit';
import type { Model } from './model';
import type { Note } from './note';
import type { PlatformKit } from './platform-kit';
import type { CallKitEndReason, Command, Keeper, Os, PortEvent } from './types';
import { webKit } from './web/kit';

const KITS: Record<Os, PlatformKit> = { android: androidKit, ios: iosKit, web: webKit };
const ALL = Object.values(KITS);

/** The kit for one platform. */
export function kitFor(os: Os): PlatformKit {
  return KITS[os];
}

/** The keeper the model's platform should hold, given what the device holds. */
export function desired(model: Model, actual: Keeper): { keeper: Keeper; notes: Note[] } {
  return kitFor(model.platform.os).desired(model, actual);
}

/** The commands that move `actual` to `desired`; only the platforms `desired` names are touched. */
export function reconcile(
  actual: Keeper,
  desired: Keeper,
  endReasons: ReadonlyMap<string, CallKitEndReason> = new Map(),
): Command[] {
  return ALL.filter((kit) => kit.os in desired).flatMap((kit) => kit.reconcile(actual, desired, endReasons));
}

/** `actual` after `command` succeeded on the device. */
export function apply(actual: Keeper, command: Command): Keeper {
  return ALL.reduce((keeper, kit) => kit.apply(keeper, command), actual);
}

/** `actual` after the device reported something it did on its own. */
export function applyPortEvent(actual: Keeper, event: PortEvent): Keeper {
  return ALL.reduce((keeper, kit) => kit.applyEvent(keeper, event), actual);
}
