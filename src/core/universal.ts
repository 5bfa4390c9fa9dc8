// The runtime for code that runs on more than one platform (Node, tests, tools): every kit bundled,
// the one for `platform.os` chosen, and input always validated.
import { KeepCallError } from './errors';
import { kitFor } from './kits';
import {
  createRuntime as createPlatformRuntime,
  type RuntimeOptions as PlatformRuntimeOptions,
  type Runtime,
} from './runtime';
import { checks } from './validate';

export type { Clock, ConfigChecks, Runtime, RuntimeEvent, RuntimeState } from './runtime';

/** What createRuntime takes: the kit defaults to the one for `platform.os`, the checks to valibot's. */
export type RuntimeOptions = Omit<PlatformRuntimeOptions, 'kit' | 'checks'> &
  Partial<Pick<PlatformRuntimeOptions, 'kit' | 'checks'>>;

/** Creates the engine for `options.platform` over one port. */
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
