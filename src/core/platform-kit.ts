// What one platform brings to the engine: its policy, its diff, and the one reducer its device's events
// go through. A bundle for one platform carries only that platform's kit.
import type { RuntimeEvent } from './engine/contract';
import type { HeldCommand } from './engine/held';
import type { KeepCallError } from './errors';
import type { Model } from './model';
import type { Note } from './note';
import type {
  AppState,
  CallKitEndReason,
  CallLike,
  Command,
  Keeper,
  Media,
  Os,
  Permission,
  Permissions,
  PortEvent,
} from './types';

/** What the engine shows a kit's reducer: the model, what the device holds, and the kit's own memory. */
export interface KitView<M> {
  readonly model: Model;
  readonly actual: Keeper;
  readonly memory: M;
}

/**
 * What an event (or a command's success) means, as data the runtime carries out in this order: memory,
 * model, holds, the error, hang-ups, a control, the listeners' event; then a fresh snapshot, or a pass.
 */
export interface Reduction<M = unknown> {
  /**
   * What the device did on its own, recorded unless a later command result superseded the report; none
   * for an event that never changes what the device holds (so it is not applied again over a snapshot).
   */
  actual?: Keeper;
  /** Changes to the kit's memory. */
  memory?: Partial<M>;
  /** The app's new state. */
  app?: AppState;
  /** A permission's new value: a change is a retry moment. */
  permission?: { name: keyof Permissions; value: Permission };
  /** The system held or unheld a call (I9): its phase follows, back to where it was. */
  holdCall?: { callId: string; held: boolean };
  /** A command that must wait for the next retry moment. */
  holdCommand?: HeldCommand;
  /** Reported as an `error` event. */
  error?: KeepCallError;
  /** Calls to remove at once and hang up through the app's SDK, as a hang-up from a surface. */
  hangUp?: readonly string[];
  /** Why those calls ended, for CallKit (by default `local`). */
  reason?: CallKitEndReason;
  /** A surface's toggle: the media is set now, `act` tells the SDK, a failure restores it. */
  control?: { callId: string; media: Partial<Media>; act(call: CallLike): Promise<void> };
  /** Told to the listeners. */
  emit?: RuntimeEvent;
  /** The app is visible again: adopt the device's state afresh (a retry moment). */
  refresh?: boolean;
  /** Whether the policy must decide again (default true): false when nothing it reads changed. */
  decide?: boolean;
}

/** What a kit's follower gets: the model, a reporter, and the tracked call for an id. */
export interface FollowHost {
  readonly model: Model;
  report(error: KeepCallError): void;
  callFor(callId: string): CallLike | undefined;
}

export interface PlatformKit<M = unknown> {
  readonly os: Os;
  /** What the device holds when nothing is kept. */
  readonly empty: Keeper;
  /** The kit's memory for a new runtime: what it keeps beyond the model (the web keeps nothing). */
  memory(): M;
  /** The keeper the platform should hold for this model, and why it falls short of what the calls need. */
  desired(model: Model, actual: Keeper, memory: M): { keeper: Keeper; notes: Note[] };
  /** The few commands that move `actual` to `desired`; running it on its own output yields nothing. */
  reconcile(actual: Keeper, desired: Keeper, memory: M): Command[];
  /** `actual` after `command` succeeded on the device. */
  apply(actual: Keeper, command: Command): Keeper;
  /** `command` succeeded, moving the device from `before` to `view.actual`: what follows from it. */
  applied?(command: Command, before: Keeper, view: KitView<M>): Reduction<M> | undefined;
  /** The one place a device event is handled: what it means, as data. Pure: it may be run again. */
  reduce(event: PortEvent, view: KitView<M>): Reduction<M>;
  /** The part of a device snapshot this platform's keeper is made of. */
  adopt(snapshot: Keeper): Keeper;
  /**
   * A device snapshot became `actual`: what the kit takes from it into its memory. Returns whether the
   * device holds a keeper no tracked call claims yet, which then waits for the adoption grace.
   */
  adopted?(actual: Keeper, view: KitView<M>): boolean;
  /** Whether an adopted keeper still waits for a call other than `except` to be tracked again. */
  awaitsTracking?(actual: Keeper, model: Model, except: string): boolean;
  /** Follows `actual` as it changes and after every pass (Android's taskToRun); stop() on dispose. */
  follow?(host: FollowHost): { sync(actual: Keeper): void; stop(): void };
  /** How long the keeper lingers after the last call left on its own (Android's stop debounce). */
  lingerMs?(model: Model): number;
  /** A call entered the model (new, or back after it ended): iOS names it to CallKit by a fresh UUID (I8). */
  callAdded?(callId: string, memory: M, newUuid?: () => string): void;
  /** A call ended, or a surface ended one no longer in the model: iOS keeps why, for CallKit's end reason. */
  callEnded?(callId: string, reason: CallKitEndReason, memory: M): void;
  /**
   * A pass ran after a call ended: what the kit keeps about ended calls may go, so memory stays flat.
   * Returns whether some of it still waits for the device (an end that failed and will be retried).
   */
  forgetEnded?(actual: Keeper, model: Model, memory: M): boolean;
  /** Whether `command` finishes a transaction the device has begun, so it is sent before deciding again. */
  completes?(command: Command, actual: Keeper): boolean;
  /** Whether a command must wait although it is not held itself (a dependency failed). */
  blocked?(command: Command, held: ReadonlyMap<string, HeldCommand>): boolean;
  /**
   * The part of a held command the platform cannot refuse, to send while the rest waits for a retry
   * (Android: an update's notification and the types the service holds); none when nothing would change.
   */
  allowedPart?(command: Command, actual: Keeper): Command | undefined;
  /** `actual` after `command` failed with `error` (by default, unchanged: it will be retried). */
  afterFailure?(actual: Keeper, command: Command, error: KeepCallError): Keeper;
  /**
   * Milliseconds after which a failure is tried again on its own, for failures no retry moment announces
   * (CallKit's); doubled for each timed retry that fails again. None: it waits for the next retry moment.
   */
  retryAfterMs?(command: Command, error: KeepCallError): number | undefined;
}
