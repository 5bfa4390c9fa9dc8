// Every platform's kit, for what runs on more than one platform (Node, tests, tools): the kit for an
// os, and the diff over any keeper.
import { androidKit } from './android/kit';
import { iosKit } from './ios/kit';
import type { PlatformKit } from './platform-kit';
import type { Command, Keeper, Os } from './types';
import { webKit } from './web/kit';

const KITS: Record<Os, PlatformKit> = { android: androidKit, ios: iosKit, web: webKit };
const ALL = Object.values(KITS);

/** The kit for one platform. */
export function kitFor(os: Os): PlatformKit {
  return KITS[os];
}

/** The commands that move `actual` to `desired` (a fresh kit memory: CallKit ends say `local`); only the platforms `desired` names are touched. */
export function reconcile(actual: Keeper, desired: Keeper): Command[] {
  return ALL.filter((kit) => kit.os in desired).flatMap((kit) =>
    kit.reconcile(actual, desired, kit.memory()),
  );
}
