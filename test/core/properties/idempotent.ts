// Invariant 7 on the engine: at rest, reconciling again asks for nothing but what waits, held, for the
// platform to allow it.
import { reconcile } from '../../../src/core/all-kits';
import type { Command } from '../../../src/core/types';
import type { Runtime } from '../../../src/core/universal';
import { must } from './invariants';

/** Checks that a second reconcile pass would send nothing new. */
export function checkIdempotent(runtime: Runtime): void {
  const { actual, desired, held } = runtime.getState();
  const waiting = (command: Command) =>
    held.some((wait) => wait.kind === command.kind && wait.callId === undefined && !wait.part) ||
    // A held step of a call's CallKit transaction blocks the rest of it (kit.blocked).
    ('callId' in command && held.some((wait) => wait.callId === command.callId));
  const again = reconcile(actual, desired).filter((command) => !waiting(command));
  must(
    'idempotency',
    again.length === 0,
    () => `reconciling again asks for ${again.map((c) => c.kind).join(', ')}`,
  );
}
