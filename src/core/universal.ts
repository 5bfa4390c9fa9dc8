// The runtime for code that runs on more than one platform (Node, tests, tools): every kit bundled,
// the one for `platform.os` chosen, and input always validated.
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
  return createPlatformRuntime({ kit: kitFor(options.platform.os), checks, ...options });
}
