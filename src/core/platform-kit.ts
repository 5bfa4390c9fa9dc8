// What one platform brings to the engine: its policy, its diff, and how its keeper changes. A bundle
// for one platform carries only that platform's kit.
import type { CallHandle } from './engine/calls';
import type { RuntimeEvent } from './engine/contract';
import type { HeldCommand, HeldCommands } from './engine/held';
import type { KeepCallError } from './errors';
import type { Model } from './model';
import type { Note } from './note';
import type { CallKitEndReason, CallLike, Command, Keeper, Media, Os, PortEvent } from './types';

/** What a kit may do inside the runtime when its platform reports something. */
export interface KitHost {
  readonly model: Model;
  /** The calls the runtime tracks, by id. */
  readonly handles: ReadonlyMap<string, CallHandle>;
  /** The app's UUID source when it injects one (tests replay a fixed order); otherwise crypto.randomUUID. */
  readonly newUuid?: () => string;
  /** Reports an error event. */
  report(error: KeepCallError): void;
  /** Holds a command until the next moment the platform allows a retry. */
  hold(held: HeldCommand): void;
  /** Removes the call at once and tells the app's SDK to leave it, as a hang-up from a surface. */
  hangUp(callId: string, reason?: CallKitEndReason): void;
  /** Tells the runtime's listeners. */
  emit(event: RuntimeEvent): void;
  /** A surface's toggle shows at once: the media is set now, `act` tells the SDK, a failure restores it. */
  control(callId: string, media: Partial<Media>, act: (call: CallLike) => Promise<void>): void;
}

export interface PlatformKit {
  readonly os: Os;
  /** What the device holds when nothing is kept. */
  readonly empty: Keeper;
  /** The keeper the platform should hold for this model, and why it falls short of what the calls need. */
  desired(model: Model, actual: Keeper): { keeper: Keeper; notes: Note[] };
  /** The few commands that move `actual` to `desired`; running it on its own output yields nothing. */
  reconcile(actual: Keeper, desired: Keeper, endReasons: ReadonlyMap<string, CallKitEndReason>): Command[];
  /** `actual` after `command` succeeded on the device. */
  apply(actual: Keeper, command: Command): Keeper;
  /**
   * `command` succeeded, moving the device from `before`: what the kit remembers of how it was done.
   * Returns true when that changes what the policy wants, so the runtime decides again.
   */
  applied?(command: Command, before: Keeper, host: KitHost): boolean;
  /** `actual` after the device reported something it did on its own (system UI, the OS, the user). */
  applyEvent(actual: Keeper, event: PortEvent): Keeper;
  /** The part of a device snapshot this platform's keeper is made of. */
  adopt(snapshot: Keeper): Keeper;
  /**
   * What the platform's own events mean beyond `actual`: errors to report, commands to hold, calls to end.
   * Returns false when the event changed nothing the policy reads (an audio-session report), so no
   * reconcile pass runs: a pass started mid-batch would cut `callkit.start` from `callkit.connecting`.
   */
  onEvent?(event: PortEvent, host: KitHost): boolean;
  /** Follows `actual` as it changes and after every pass (Android's taskToRun); stop() on dispose. */
  follow?(host: KitHost): { sync(actual: Keeper): void; stop(): void };
  /** A call entered the model (new, or back after it ended): iOS names it to CallKit by a fresh UUID (I8). */
  callAdded?(callId: string, host: KitHost): void;
  /** A call ended, or a surface ended one no longer in the model: iOS keeps why, for CallKit's end reason. */
  callEnded?(callId: string, reason: CallKitEndReason, host: KitHost): void;
  /** A device snapshot became `actual`: iOS takes the device's call-id → UUID map over its own (I8). */
  adopted?(actual: Keeper, host: KitHost): void;
  /**
   * A pass ran after a call ended: what the kit keeps about ended calls may go, so memory stays flat.
   * Returns whether some of it still waits for the device (an end that failed and will be retried).
   */
  forgetEnded?(actual: Keeper, host: KitHost): boolean;
  /** Whether `command` finishes a transaction the device has begun, so it is sent before deciding again. */
  completes?(command: Command, actual: Keeper): boolean;
  /** Whether a command must wait although its own key is not held (a dependency failed). */
  blocked?(command: Command, held: HeldCommands): boolean;
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
