// How a device model answers `Port.run`: injected races happen first (between the engine's decision
// and the command), a dead process refuses, and what the command throws becomes the rejection.
import { KeepCallError } from '../core/errors';

/** Runs `pending` races, then `execute`, settling the way a native module's promise would. */
export function runCommand(
  kind: string,
  pending: readonly (() => void)[],
  processDead: () => boolean,
  execute: () => void,
): Promise<void> {
  for (const race of pending) race();
  if (processDead())
    return Promise.reject(new KeepCallError('port-failed', `${kind}: the app process is dead`));
  try {
    execute();
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}
