// What the engine's parts share: the model, what the device holds, what it should hold, what waits.
import type { Model } from '../model';
import type { PlatformKit } from '../platform-kit';
import type { Keeper } from '../types';
import type { Clock } from './clock';
import type { HeldCommands } from './held';

/** The engine's mutable state, one per runtime, read and written by its parts. */
export interface EngineState {
  readonly model: Model;
  readonly kit: PlatformKit;
  readonly clock: Clock;
  readonly held: HeldCommands;
  /** The kit's own memory (Android's task removal and re-promotion, iOS's UUIDs and end reasons). */
  readonly memory: unknown;
  /** What the device holds, as far as the engine knows. */
  actual: Keeper;
  /** What the policy last wanted. */
  desired: Keeper;
  /** The device's own state is known (its first snapshot adopted, or failed): nothing is sent before. */
  adopted: boolean;
  disposed: boolean;
  /** A call ended since the last pass: what the kit keeps about ended calls may go after the next one. */
  endedToForget: boolean;
  /** Follows `actual` as it changes (Android's taskToRun). */
  follower?: { sync(actual: Keeper): void; stop(): void } | undefined;
}

/** Records what the device holds now, and lets the kit's follower see it. */
export function setActual(state: EngineState, next: Keeper): void {
  state.actual = next;
  state.follower?.sync(next);
}
