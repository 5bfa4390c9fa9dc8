// The runtime for code that runs on more than one platform (Node, tests, tools): every kit bundled,
// the one for `platform.os` chosen, and input always validated.

import { kitFor } from './all-kits';
import type { Runtime } from './engine/contract';
import { createPlatformRuntime, type PlatformRuntimeOptions } from './engine/runtime';
import { KeepCallError } from './errors';
import { checks } from './validate';

export type { Clock } from './engine/clock';
export type { ConfigChecks, Runtime, RuntimeEvent, RuntimeState } from './engine/contract';
export type { PlatformRuntimeOptions } from './engine/runtime';

/** What createRuntime takes: the kit defaults to the one for `platform.os`, the checks to valibot's. */
export type RuntimeOptions = Omit<PlatformRuntimeOptions, 'kit' | 'checks'> &
  Partial<Pick<PlatformRuntimeOptions, 'kit' | 'checks'>>;

/** Creates the engine for `options.platform` over one port, with the kit for its os. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const kit = options.kit ?? kitFor(options.platform.os);
  if (kit?.os !== options.platform.os) {
    throw new KeepCallError(
      'invalid-config',
      `createRuntime: platform.os is ${JSON.stringify(options.platform.os)}, allowed: "android", "ios" or "web", matching the kit's os (${kit?.os ?? 'no kit'})`,
    );
  }
  return createPlatformRuntime({ ...options, kit, checks: options.checks ?? checks });
}
