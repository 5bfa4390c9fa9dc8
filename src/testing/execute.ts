// How a device model answers `Port.run`: injected races happen first (between the engine's decision
// and the command), a dead process refuses, and what the command throws becomes the rejection.
import { KeepCallError } from '../core/errors';

/** A model's command runner: the races queued for the next command, and the command itself. */
export interface CommandRunner {
  /**
   * Runs the queued races, then `execute`, settling the way a native module's promise would: with the
   * command's place in the device's order (after the races, before what the command itself causes).
   */
  run(kind: string, execute: () => void): Promise<number>;
  /** Queues `race` to happen between the engine's next decision and its command. */
  raceBeforeNextCommand(race: () => void): void;
}

/** Creates the runner for a model whose process may be dead (`processDead`). */
export function createCommandRunner(processDead: () => boolean, stamp: () => number): CommandRunner {
  let races: (() => void)[] = [];
  return {
    run(kind, execute) {
      const pending = races;
      races = [];
      for (const race of pending) race();
      if (processDead())
        return Promise.reject(new KeepCallError('port-failed', `${kind}: the app process is dead`));
      try {
        const seq = stamp();
        execute();
        return Promise.resolve(seq);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    raceBeforeNextCommand(race) {
      races.push(race);
    },
  };
}
