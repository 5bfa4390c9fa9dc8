// The engine's state, one record per runtime. Each part of the engine is a set of functions over it
// (loop.ts, order.ts, device.ts, actions.ts, listeners.ts, backoff.ts); the fields are grouped by
// the part that owns them, and only that part writes them. Flags and timers start unset (false).
import type { Model } from '../model';
import type { PlatformKit, Reduction } from '../platform-kit';
import type { CallLike, Command, Keeper, Port, PortEvent } from '../types';
import type { CallTracker } from './calls';
import type { Clock, Timer } from './clock';
import type { RuntimeEvent } from './contract';
import type { HeldCommand } from './held';

/** A device report and its number in the device's order, when the port numbers. */
export type Report = { event: PortEvent; seq: number | undefined };

/** One runtime's state. */
export interface Engine {
  // What the policies read, what the device holds, what it should hold (runtime.ts, loop.ts).
  readonly model: Model;
  readonly kit: PlatformKit;
  /** The kit's own memory (Android's task removal and re-promotion, iOS's UUIDs and end reasons). */
  readonly memory: unknown;
  readonly port: Port;
  readonly clock: Clock;
  actual: Keeper;
  desired: Keeper;
  /** Carries out what the kit's reducer made of an event (effects.ts; set by the runtime). */
  execute(reduction: Reduction | undefined): void;

  // The command loop (loop.ts).
  /** Commands that failed and wait for a retry moment, by heldKey. */
  readonly held: Map<string, HeldCommand>;
  /** The allowed parts of held commands sent in this pass (see sendable). */
  readonly parts: WeakSet<Command>;
  /** Input is not validated (a release build): a policy that throws most likely read a bad config. */
  readonly trusting: boolean;
  inFlight?: boolean;
  pumping?: boolean;
  dirty?: boolean;
  /** Snapshots and actions on the SDK under way: idle() waits for them. */
  pending: number;
  commandsRun: number;
  readonly idleWaiters: (() => void)[];
  /** The last reason the policy could not decide, reported once. */
  undecidable?: string | undefined;
  /** The device's own state is known (its first snapshot adopted, or failed): nothing is sent before. */
  adopted?: boolean;
  disposed?: boolean;
  /** A call ended since: what the kit keeps about ended calls may go after the next pass. */
  endedToForget?: boolean;
  /** The timer for the linger and adoption deadlines, and the deadline it is set for. */
  readonly timer: Timer;

  // Timed retries (backoff.ts).
  readonly tries: Map<string, number>;
  readonly retryTimer: Timer;

  // The device's order (order.ts).
  readonly deferred: Report[];
  /** Per subject (the service: '', a CallKit call: its id), where the last command result stands. */
  readonly superseded: Map<string, number>;
  /** Per CallKit call, where its callkit.start stands. */
  readonly started: Map<string, number>;
  /** Per snapshot awaited, the reports applied meanwhile, to apply again over it. */
  readonly snapshotting: Set<(() => void)[]>;

  // The app's listeners (listeners.ts).
  readonly listeners: Set<(event: RuntimeEvent) => void>;
  delivering: number;
  readonly queued: (() => void)[];
  readonly notes: Set<string>;

  // The app's calls (calls.ts, actions.ts).
  readonly calls: CallTracker;
  /** The call for an id: the tracked one, or one from a client rebuilt through createClient. */
  readonly reach: (callId: string) => Promise<CallLike>;
  /** Follows `actual` as it changes (Android's taskToRun). */
  readonly follower: { sync(actual: Keeper): void; stop(): void } | undefined;
}

/** Records what the device holds now, and lets the kit's follower see it. */
export function setActual(e: Engine, next: Keeper): void {
  e.actual = next;
  e.follower?.sync(next);
}
