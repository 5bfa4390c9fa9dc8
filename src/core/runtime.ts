// The only impure part: feeds events into the model, runs the commands reconcile asks for one at a
// time on the port, records what actually happened, and reconciles again.
import { checkCall } from './call-input';
import { type CallHandle, callEvents } from './calls';
import { createCallReacher } from './client';
import { type ConfigInput, DEFAULT_CONFIG, DEFAULT_PUSH, mergeConfig, type PushConfig } from './config';
import { KeepCallError, messageOf, toKeepCallError } from './errors';
import { deepEqual, type KitHost, type PlatformKit } from './kit';
import { isVisible, type Model, type NotificationOverride } from './model';
import type {
  AppState,
  CallLike,
  Command,
  Keeper,
  Media,
  Permissions,
  PlatformInfo,
  Port,
  PortEvent,
} from './types';

/** Time and timers, injectable so tests and models run on a virtual clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Checks what users pass in, throwing KeepCallError('invalid-config'); see validate.ts. */
export interface ConfigChecks {
  config(input: unknown): ConfigInput;
  push(input: unknown): PushConfig;
}

export interface RuntimeOptions {
  port: Port;
  platform: PlatformInfo;
  /** The platform's policy and keeper; `platform.os` must be its os. */
  kit: PlatformKit;
  /** Input validation; without it, input is trusted (React Native release builds). */
  checks?: ConfigChecks;
  app?: AppState;
  permissions?: Partial<Permissions>;
  config?: ConfigInput;
  push?: PushConfig;
  clock?: Clock;
  /** Makes CallKit UUIDs (by default crypto.randomUUID): tests inject a deterministic one. */
  newUuid?: () => string;
}

export interface RuntimeState {
  model: Model;
  actual: Keeper;
  desired: Keeper;
  /** Commands that failed and wait for the next moment the platform allows a retry (kind or kind:callId). */
  held: string[];
}

export type RuntimeEvent =
  | { type: 'error'; error: KeepCallError }
  | { type: 'command'; command: Command; error?: KeepCallError }
  | { type: 'change'; state: RuntimeState }
  | { type: 'audio'; active: boolean }
  | { type: 'hold'; callId: string; held: boolean }
  /** The user tapped the notification (it opened the app) or pressed one of the app's own buttons. */
  | Extract<PortEvent, { type: 'tap' | 'action' }>;

export interface Runtime {
  /** Adopts what the device holds and starts listening to it. */
  start(): Promise<void>;
  /** Feeds a call's signals in; returns a function that stops tracking it. */
  track(call: CallLike): () => void;
  /** Feeds an event as if the port had reported it. */
  dispatch(event: PortEvent): void;
  /** Validates and deep-merges a config patch; throws KeepCallError('invalid-config'). */
  updateConfig(input: ConfigInput): void;
  /** Sets the push settings and `createClient`; the first call wins, a second is reported. */
  setPushConfig(config: PushConfig): void;
  /** Replaces parts of the notification, or goes back to the configured one with `null`. */
  setNotificationOverride(override: NotificationOverride | null): void;
  /** Listens to errors, commands, changes, audio-session events, and notification taps and app actions. */
  on(listener: (event: RuntimeEvent) => void): () => void;
  /** The model, what the device holds, and what it should hold. */
  getState(): RuntimeState;
  /** Resolves once no command is in flight and nothing is pending. */
  idle(): Promise<void>;
  /** Stops listening; leaves the device as it is. */
  dispose(): void;
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const MAX_ROUNDS = 64;
// Timed retries of one command, doubling each time (1 s base: 1 + 2 + 4 + 8 + 16 s); retry moments go on.
const MAX_TIMED_RETRIES = 5;

/** What a command or report is about, for ordering: a CallKit call by its id, else the keeper as a whole. */
function subjectOf(item: Command | PortEvent): string {
  return 'callId' in item ? item.callId : '';
}

const TRUSTING: ConfigChecks = {
  config: (input) => input as ConfigInput,
  push: (input) => input as PushConfig,
};

/** A device report and its number in the device's order, when the port numbers. */
type Report = { event: PortEvent; seq: number | undefined };

/** Creates the engine for one platform over one port. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { port, kit } = options;
  const checks = options.checks ?? TRUSTING;
  const clock = options.clock ?? REAL_CLOCK;
  const listeners = new Set<(event: RuntimeEvent) => void>();
  let createClient: PushConfig['createClient'];
  let pushSet = false;

  const model: Model = {
    calls: new Map(),
    app: options.app ?? 'active',
    taskRemoved: false,
    repromote: false,
    permissions: {
      notifications: 'unknown',
      microphone: 'unknown',
      camera: 'unknown',
      ...options.permissions,
    },
    platform: options.platform,
    config: options.config ? mergeConfig(DEFAULT_CONFIG, checks.config(options.config)) : DEFAULT_CONFIG,
    push: { ...DEFAULT_PUSH },
    uuids: new Map(),
    ended: new Map(),
    lingerUntil: 0,
    adoptUntil: 0,
    notificationOverride: null,
    now: clock.now(),
    nextOrder: 1,
  };
  let actual: Keeper = kit.empty;
  let lastDesired: Keeper = actual;

  // Commands that failed wait for the next moment the platform allows a retry (app visible again,
  // a permission or media change, new config, a fresh snapshot).
  const held = new Set<string>();
  // The allowed parts of held commands sent in this pass (see sendable).
  const parts = new WeakSet<Command>();
  const reportedNotes = new Set<string>();
  const handles = new Map<string, CallHandle>();
  // Device reports that arrive while a command runs wait for its result; then those that happened
  // before its effect (by the port's numbers) go first, the rest after, in arrival order.
  const deferred: Report[] = [];
  // Per subject (the service: '', a CallKit call: its id), where the last command result stands in the
  // device's order: a report from before it, delivered late, no longer describes the device.
  const superseded = new Map<string, number>();
  // Per CallKit call, where its callkit.start stands: a report from before it, delivered late, is about
  // the CallKit call it replaced (a hold, an end) and changes nothing (item 1, per CallKit call).
  const started = new Map<string, number>();
  // Per snapshot awaited, the reports applied meanwhile, to apply again over it (see adopt).
  const snapshotting = new Set<(() => void)[]>();
  let inFlight = false;
  let pumping = false;
  let dirty = false;
  let pending = 0;
  let idleWaiters: (() => void)[] = [];
  let timer: unknown;
  let timerAt = 0;
  let retryTimer: unknown;
  // Timed retries so far, per held key: a command that keeps failing does not use up another's.
  const timedRetries = new Map<string, number>();
  let unsubscribePort: (() => void) | undefined;
  let disposed = false;
  let adopted = false;
  let commandsRun = 0;
  let endedToForget = false;
  let undecidable: string | undefined;

  // A listener that calls back into the engine (updateConfig on an error, say) is not run in the middle
  // of what the engine was doing: its call waits until the event is delivered.
  let delivering = 0;
  const queued: (() => void)[] = [];
  const emit = (event: RuntimeEvent) => {
    delivering++;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop the engine.
      }
    }
    delivering--;
    if (delivering === 0) while (queued.length > 0) (queued.shift() as () => void)();
  };
  /** Runs a change the app asked for now, or, from inside a listener, once the event is delivered. */
  const fromApp = (change: () => void) => {
    if (delivering > 0) queued.push(change);
    else change();
  };
  const report = (error: KeepCallError) => {
    // Nobody listens yet (a second setPushConfig before any on()): say it where a developer looks
    // rather than lose it.
    if (listeners.size === 0) globalThis.console?.warn(`keepcall: ${error.code}: ${error.message}`);
    emit({ type: 'error', error });
  };

  const host: KitHost = {
    model,
    handles,
    newUuid: options.newUuid,
    report,
    hold: (key) => held.add(key),
    hangUp,
    emit,
    control,
  };
  const follower = kit.follow?.(host);

  if (options.push) applyPush(checks.push(options.push));

  let pushTwiceReported = false;
  function applyPush(push: PushConfig) {
    if (pushSet) {
      // Once: a listener that answers every error with setPushConfig must not loop on this one.
      if (pushTwiceReported) return;
      pushTwiceReported = true;
      report(
        new KeepCallError('invalid-config', 'setPushConfig was called twice: the first call stays in force'),
      );
      return;
    }
    pushSet = true;
    model.push = { enableOngoingCalls: push.ios?.enableOngoingCalls ?? DEFAULT_PUSH.enableOngoingCalls };
    createClient = push.createClient;
    retryMoment();
  }

  function retryMoment() {
    held.clear();
    schedule();
  }

  function schedule() {
    if (disposed) return;
    dirty = true;
    if (!pumping) void pump();
  }

  function heldKey(command: Command): string {
    if ('callId' in command) return `${command.kind}:${command.callId}`;
    return command.kind;
  }

  function isHeld(command: Command): boolean {
    return held.has(heldKey(command)) || kit.blocked?.(command, held) === true;
  }

  // A held command waits for a retry moment, but what of it the platform cannot refuse goes now: a
  // refused widening must not leave the notification stale meanwhile.
  // A part that was refused too waits for the retry moment like the rest: never a storm of resends.
  function sendable(commands: Command[]): Command[] {
    const out: Command[] = [];
    for (const command of commands) {
      if (!isHeld(command)) out.push(command);
      else if (!held.has(`part:${heldKey(command)}`)) {
        const part = kit.allowedPart?.(command, actual);
        if (part) {
          parts.add(part);
          out.push(part);
        }
      }
    }
    return out;
  }

  async function pump() {
    pumping = true;
    try {
      let rounds = 0;
      // Nothing is sent before the device's own state is known: a reload must adopt, not duplicate.
      while (dirty && !disposed && adopted) {
        dirty = false;
        if (++rounds > MAX_ROUNDS) {
          report(
            new KeepCallError(
              'port-failed',
              'the keeper did not settle: the device keeps disagreeing with every command',
            ),
          );
          // Given up until something new happens, so idle() settles (a listener's retry included).
          dirty = false;
          break;
        }
        model.now = clock.now();
        const commands = decide();
        if (!commands) break;
        for (let index = 0; index < commands.length; index++) {
          // Disposed mid-batch (between CallKit's start and connecting, say): nothing more is sent.
          if (disposed) break;
          const ok = await runOne(commands[index] as Command);
          if (!ok) {
            dirty = true;
            break;
          }
          // A report arrived: decide again, but first finish a transaction the device has begun.
          const next = commands[index + 1];
          if (dirty && !(next && kit.completes?.(next, actual))) break;
        }
        armLingerTimer();
        forgetEndedCalls();
        // What the follower waits for may have come without a change of actual: a call tracked again
        // under an adopted keeper, a task configured while the keeper runs.
        follower?.sync(actual);
      }
    } finally {
      pumping = false;
      if (listeners.size > 0) emit({ type: 'change', state: snapshotState() });
      settleIdle();
    }
  }

  // The policy and the diff are pure, but a release build trusts its config: a value of the wrong shape
  // surfaces here, and it must reach the app as an error event, never as an unhandled rejection.
  function decide(): Command[] | undefined {
    try {
      const want = kit.desired(model, actual);
      lastDesired = want.keeper;
      surfaceNotes(want.notes);
      const commands = kit.reconcile(actual, want.keeper, model.ended);
      undecidable = undefined;
      return sendable(commands);
    } catch (error) {
      const reason = messageOf(error);
      // Reported once per cause, not on every event that follows.
      if (reason === undecidable) return undefined;
      undecidable = reason;
      // Without checks (a release build) the likely cause is the config, which a development build names.
      report(
        new KeepCallError(
          checks === TRUSTING ? 'invalid-config' : 'port-failed',
          `could not decide: ${reason}`,
          {
            cause: error,
          },
        ),
      );
      return undefined;
    }
  }

  async function runOne(command: Command): Promise<boolean> {
    inFlight = true;
    let failure: KeepCallError | undefined;
    try {
      const seq = await port.run(command);
      if (typeof seq === 'number') {
        applyDeferred(seq);
        // An ended CallKit call has nothing left to supersede: its entry goes, so memory stays flat.
        if (command.kind === 'callkit.end') {
          superseded.delete(command.callId);
          started.delete(command.callId);
        } else superseded.set(subjectOf(command), seq);
        if (command.kind === 'callkit.start') started.set(command.callId, seq);
      }
      timedRetries.delete(heldKey(command));
      const before = actual;
      setActual(kit.apply(actual, command));
      if (kit.applied?.(command, before, host)) dirty = true;
    } catch (error) {
      failure = toKeepCallError(error);
      held.add(parts.has(command) ? `part:${heldKey(command)}` : heldKey(command));
      setActual(kit.afterFailure?.(actual, command, failure) ?? actual);
      retryLater(heldKey(command), kit.retryAfterMs?.(command, failure));
    }
    inFlight = false;
    commandsRun++;
    emit(failure ? { type: 'command', command, error: failure } : { type: 'command', command });
    if (failure) report(failure);
    applyDeferred();
    return !failure;
  }

  // A failure no app-state change or grant announces the end of (a CallKit transaction refused while
  // another app's call holds the line) is tried again after a while, so the call is not left unreported
  // until the app next returns to the foreground.
  function retryLater(key: string, ms: number | undefined) {
    const tries = timedRetries.get(key) ?? 0;
    if (ms === undefined || disposed || tries >= MAX_TIMED_RETRIES) return;
    timedRetries.set(key, tries + 1);
    // One timer: a retry moment retries every held command, so the latest failure's delay stands.
    if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
    retryTimer = clock.setTimeout(
      () => {
        retryTimer = undefined;
        retryMoment();
      },
      ms * 2 ** tries,
    );
  }

  // A call back under the same id starts afresh: what its earlier self failed at no longer waits.
  function forgetFailures(callId: string) {
    const suffix = `:${callId}`;
    for (const key of [...held, ...timedRetries.keys()]) {
      if (key.endsWith(suffix)) {
        held.delete(key);
        timedRetries.delete(key);
      }
    }
  }

  /** Applies the deferred reports, in arrival order: all, or those numbered before `seq` (the rest wait). */
  function applyDeferred(seq?: number) {
    for (const report of deferred.splice(0)) {
      if (seq === undefined || (report.seq !== undefined && report.seq < seq))
        handlePortEvent(report.event, report.seq);
      else deferred.push(report);
    }
  }

  function surfaceNotes(notes: { code: KeepCallError['code']; message: string; callId?: string }[]) {
    if (notes.length === 0 && reportedNotes.size === 0) return;
    const current = new Set<string>();
    for (const note of notes) {
      const key = `${note.code}|${note.message}`;
      current.add(key);
      if (!reportedNotes.has(key)) {
        reportedNotes.add(key);
        report(new KeepCallError(note.code, note.message, note.callId ? { callId: note.callId } : undefined));
      }
    }
    for (const key of [...reportedNotes]) if (!current.has(key)) reportedNotes.delete(key);
  }

  // Only a pass that follows an ended call, or an end still waiting for the device, can free what the
  // kit keeps about ended calls: the others skip the look.
  function forgetEndedCalls() {
    if (!endedToForget) return;
    // Still set while an ended call waits for the device, so the pass after its retried end frees it.
    endedToForget = kit.forgetEnded?.(actual, host) ?? false;
  }

  function armLingerTimer() {
    const until = Math.max(model.lingerUntil, model.adoptUntil);
    // Not `until <= now`: a NaN deadline (a release build trusting a bad config) must not spin the timer.
    if (!(until > model.now)) return;
    if (timer !== undefined && timerAt === until) return;
    if (timer !== undefined) clock.clearTimeout(timer);
    timerAt = until;
    timer = clock.setTimeout(() => {
      timer = undefined;
      schedule();
    }, until - model.now);
  }

  function onPortEvent(event: PortEvent, seq?: number) {
    if (disposed) return;
    if (inFlight) deferred.push({ event, seq });
    else handlePortEvent(event, seq);
  }

  function handlePortEvent(event: PortEvent, seq?: number) {
    model.now = clock.now();
    // I6: what the device did on its own is recorded in actual, so the engine never asks for it back;
    // unless a command took effect on the same subject since (item 1: an old instance's stop).
    if (seq !== undefined && seq < (started.get(subjectOf(event)) ?? 0)) return;
    record(event, seq);
    for (const late of snapshotting) late.push(() => record(event, seq));
    switch (event.type) {
      case 'app': {
        const wasVisible = isVisible(model.app);
        model.app = event.state;
        // The user opened the app again: its task exists again.
        if (isVisible(event.state)) model.taskRemoved = false;
        if (!wasVisible && isVisible(event.state)) {
          void refresh();
          return;
        }
        break;
      }
      case 'permission':
        if (model.permissions[event.name] !== event.value) {
          model.permissions = { ...model.permissions, [event.name]: event.value };
          held.clear();
        }
        break;
      case 'hangup':
        void hangUp(event.callId);
        break;
      case 'mute':
        void control(event.callId, { muted: event.muted }, (call) => call.setMuted(event.muted));
        break;
      // For the app alone: the keeper stays as it is.
      case 'tap':
      case 'action':
        emit(event);
        return;
      case 'unsupported':
        // Reported, never held: the rest of what the command did still stands.
        report(new KeepCallError('unsupported', event.message));
        return;
      default:
        if (kit.onEvent?.(event, host) === false) return;
    }
    schedule();
  }

  function record(event: PortEvent, seq: number | undefined) {
    const after = superseded.get(subjectOf(event));
    if (seq === undefined || after === undefined || seq > after) setActual(kit.applyEvent(actual, event));
  }

  function setActual(next: Keeper) {
    actual = next;
    follower?.sync(next);
  }

  async function refresh() {
    // Actual comes from the device: adopt it at start and on every return to the foreground.
    pending++;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = commandsRun;
        const late: (() => void)[] = [];
        snapshotting.add(late);
        const snap = await port.snapshot().finally(() => snapshotting.delete(late));
        // A snapshot taken while a command ran may predate it: take another rather than adopt the past.
        if (commandsRun !== before || inFlight) continue;
        adopt(snap, late);
        return;
      }
    } catch (error) {
      report(toKeepCallError(error));
    } finally {
      adopted = true;
      pending--;
      retryMoment();
    }
  }

  function adopt(snap: Keeper, late: (() => void)[]) {
    setActual(kit.adopt(snap));
    // What the device reported while the snapshot was on its way may be newer than it: applied again.
    // Each report states a result (stopped, these types, held), so one the snapshot already holds
    // changes nothing, and reports come in the device's order: the last word is the device's latest.
    for (const again of late) again();
    kit.adopted?.(actual, host);
    const orphaned = (actual.android && model.calls.size === 0) || untrackedCallKitCall();
    if (orphaned) model.adoptUntil = clock.now() + model.config.adoptGraceMs;
  }

  /** Whether CallKit holds a call (other than `except`) that no tracked call claims yet: an adopted one. */
  function untrackedCallKitCall(except?: string): boolean {
    return Object.keys(actual.ios ?? {}).some((id) => id !== except && !model.calls.has(id));
  }

  const reachCall = createCallReacher({
    tracked: (callId) => handles.get(callId)?.call,
    createClient: () => createClient,
  });

  async function hangUp(callId: string, reason: 'local' | 'remote' | 'failed' = 'local') {
    // A hangup from a surface removes the call at once: the user asked for it, so there is no linger.
    const wasLive = model.calls.has(callId);
    removeCall(callId, reason, false);
    // The user ended an adopted call nobody tracks again: its keeper goes now, not after the grace,
    // unless other adopted CallKit calls still wait for their app call to be tracked again.
    if (!wasLive && !untrackedCallKitCall(callId)) model.adoptUntil = 0;
    schedule();
    await actOnCall(callId, (call) => call.hangup());
  }

  async function control(callId: string, patch: Partial<Media>, act: (call: CallLike) => Promise<void>) {
    const call = model.calls.get(callId);
    const previous = call?.media;
    if (call) {
      model.calls.set(callId, { ...call, media: { ...call.media, ...patch } });
      // Video turned on may let a camera type through that was refused without it.
      if (patch.video) held.clear();
      schedule();
    }
    await actOnCall(callId, act, () => {
      const now = model.calls.get(callId);
      if (now && previous) {
        model.calls.set(callId, { ...now, media: previous });
        schedule();
      }
    });
  }

  /** Tells the app's SDK to act on its call (reached from the background if need be); a failure is reported, then `undo` runs. */
  async function actOnCall(callId: string, act: (call: CallLike) => Promise<void>, undo?: () => void) {
    pending++;
    try {
      await act(await reachCall(callId));
    } catch (error) {
      report(toKeepCallError(error, 'call-control-failed'));
      undo?.();
    } finally {
      pending--;
      settleIdle();
    }
  }

  function removeCall(callId: string, reason: 'local' | 'remote' | 'failed', linger: boolean) {
    endedToForget = true;
    kit.callEnded?.(callId, reason, host);
    // Marked even when the model no longer holds the call (a hang-up of an adopted keeper after a
    // reload): a late `reconnecting` from the session that ended must not bring it back.
    signals.ended(callId);
    if (!model.calls.delete(callId)) return;
    if (model.calls.size === 0) {
      model.lingerUntil = linger ? clock.now() + model.config.foregroundService.android.stopDebounceMs : 0;
    }
  }

  const signals = callEvents({
    model,
    clock,
    handles,
    added: (callId) => {
      forgetFailures(callId);
      kit.callAdded?.(callId, host);
    },
    removeCall: (callId, reason) => removeCall(callId, reason, true),
    retry: () => held.clear(),
    changed: schedule,
    // A release build trusting a bad config, say: the SDK's emitter never sees it.
    failed: (error) => report(toKeepCallError(error)),
  });

  function settleIdle() {
    if (!pumping && pending === 0 && !dirty) wakeIdle();
  }

  function wakeIdle() {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function snapshotState(): RuntimeState {
    // Copies of the maps: a state handed out does not change under its holder.
    const copy = {
      ...model,
      calls: new Map(model.calls),
      uuids: new Map(model.uuids),
      ended: new Map(model.ended),
    };
    return { model: copy, actual, desired: lastDesired, held: [...held] };
  }

  return {
    async start() {
      if (!unsubscribePort) unsubscribePort = port.subscribe(onPortEvent);
      await refresh();
      await this.idle();
    },
    track(call) {
      const untrack = signals.track(checkCall(call));
      // A keeper adopted after a reload waits for its call to be tracked again: its task starts now.
      follower?.sync(actual);
      return untrack;
    },
    dispatch(event) {
      onPortEvent(event);
    },
    updateConfig(input) {
      const patch = checks.config(input);
      // A release build does not validate; a patch that is not an object would replace the whole config.
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        report(new KeepCallError('invalid-config', `updateConfig needs an object, got ${String(patch)}`));
        return;
      }
      fromApp(() => {
        const next = mergeConfig(model.config, patch);
        // The same configuration again is nothing new to retry with.
        if (deepEqual(next, model.config)) return;
        model.config = next;
        retryMoment();
      });
    },
    setPushConfig(input) {
      const push = checks.push(input);
      fromApp(() => applyPush(push));
    },
    setNotificationOverride(override) {
      const next = override ? { ...override } : null;
      fromApp(() => {
        model.notificationOverride = next;
        schedule();
      });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: snapshotState,
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    dispose() {
      disposed = true;
      unsubscribePort?.();
      signals.untrackAll();
      follower?.stop();
      if (timer !== undefined) clock.clearTimeout(timer);
      if (retryTimer !== undefined) clock.clearTimeout(retryTimer);
      listeners.clear();
      wakeIdle();
    },
  };
}
