// The command loop: decide (policy, then diff), run one command at a time on the port, record what
// happened, hold a failed command until the platform allows a retry, and decide again until settled.
import { KeepCallError, messageOf, toKeepCallError } from '../errors';
import type { Command, Port } from '../types';
import { createBackoff } from './backoff';
import type { RuntimeState } from './contract';
import { heldFor } from './held';
import type { Listeners } from './listeners';
import { type EngineState, setActual } from './state';

const MAX_ROUNDS = 64;

interface LoopOptions {
  port: Port;
  listeners: Listeners;
  /** Input is not validated (a release build): a policy that throws most likely read a bad config. */
  trusting: boolean;
  /** The command took effect at `seq` in the device's order (the port numbers): reports are ordered by it. */
  tookEffect(command: Command, seq: number): void;
  /** The command's result is in: reports that waited for it are applied. */
  resultIn(): void;
  /** `command` succeeded, moving the device from `before`: what follows is carried out (a pass, say). */
  applied(command: Command, before: EngineState['actual']): void;
  /** After every pass: timers, forgetting, followers. */
  passed(): void;
  /** The state handed to `change` listeners. */
  snapshot(): RuntimeState;
}

/** The command loop over one engine state. */
export function createLoop(state: EngineState, options: LoopOptions) {
  const { port, listeners, trusting } = options;
  const { kit, held, model } = state;
  const backoff = createBackoff(state.clock, retryMoment);
  // The allowed parts of held commands sent in this pass (see sendable).
  const parts = new WeakSet<Command>();
  let inFlight = false;
  let pumping = false;
  let dirty = false;
  let pending = 0;
  let commandsRun = 0;
  let idleWaiters: (() => void)[] = [];
  let undecidable: string | undefined;

  /** A retry moment: every held command may go again. */
  function retryMoment() {
    held.clear();
    schedule();
  }

  /** Asks for a pass; one runs at a time. */
  function schedule() {
    if (state.disposed) return;
    dirty = true;
    if (!pumping) void pump();
  }

  function isHeld(command: Command): boolean {
    return held.has(heldFor(command)) || kit.blocked?.(command, held) === true;
  }

  // A held command waits for a retry moment, but what of it the platform cannot refuse goes now: a
  // refused widening must not leave the notification stale meanwhile.
  // A part that was refused too waits for the retry moment like the rest: never a storm of resends.
  function sendable(commands: Command[]): Command[] {
    const out: Command[] = [];
    for (const command of commands) {
      if (!isHeld(command)) out.push(command);
      else if (!held.has(heldFor(command, true))) {
        const part = kit.allowedPart?.(command, state.actual);
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
      while (dirty && !state.disposed && state.adopted) {
        dirty = false;
        if (++rounds > MAX_ROUNDS) {
          listeners.report(
            new KeepCallError(
              'port-failed',
              'the keeper did not settle: the device keeps disagreeing with every command',
            ),
          );
          // Given up until something new happens, so idle() settles (a listener's retry included).
          dirty = false;
          break;
        }
        model.now = state.clock.now();
        const commands = decide();
        if (!commands) break;
        for (let index = 0; index < commands.length; index++) {
          // Disposed mid-batch (between CallKit's start and connecting, say): nothing more is sent.
          if (state.disposed) break;
          const ok = await runOne(commands[index] as Command);
          if (!ok) {
            dirty = true;
            break;
          }
          // A report arrived: decide again, but first finish a transaction the device has begun.
          const next = commands[index + 1];
          if (dirty && !(next && kit.completes?.(next, state.actual))) break;
        }
        options.passed();
      }
    } finally {
      pumping = false;
      if (listeners.listening()) listeners.emit({ type: 'change', state: options.snapshot() });
      settleIdle();
    }
  }

  // The policy and the diff are pure, but a release build trusts its config: a value of the wrong shape
  // surfaces here, and it must reach the app as an error event, never as an unhandled rejection.
  function decide(): Command[] | undefined {
    try {
      const want = kit.desired(model, state.actual, state.memory);
      state.desired = want.keeper;
      listeners.surfaceNotes(want.notes);
      const commands = kit.reconcile(state.actual, want.keeper, state.memory);
      undecidable = undefined;
      return sendable(commands);
    } catch (error) {
      const reason = messageOf(error);
      // Reported once per cause, not on every event that follows.
      if (reason === undecidable) return undefined;
      undecidable = reason;
      // Without validation the likely cause is the config, which a development build names.
      const code = trusting ? 'invalid-config' : 'port-failed';
      listeners.report(new KeepCallError(code, `could not decide: ${reason}`, { cause: error }));
      return undefined;
    }
  }

  async function runOne(command: Command): Promise<boolean> {
    inFlight = true;
    let failure: KeepCallError | undefined;
    const key = heldFor(command);
    try {
      const seq = await port.run(command);
      if (typeof seq === 'number') options.tookEffect(command, seq);
      backoff.succeeded(key);
      const before = state.actual;
      setActual(state, kit.apply(before, command));
      options.applied(command, before);
    } catch (error) {
      failure = toKeepCallError(error);
      held.add(parts.has(command) ? heldFor(command, true) : key);
      setActual(state, kit.afterFailure?.(state.actual, command, failure) ?? state.actual);
      backoff.retryLater(key, kit.retryAfterMs?.(command, failure));
    }
    inFlight = false;
    commandsRun++;
    listeners.emit(failure ? { type: 'command', command, error: failure } : { type: 'command', command });
    if (failure) listeners.report(failure);
    options.resultIn();
    return !failure;
  }

  function settleIdle() {
    if (!pumping && pending === 0 && !dirty) wakeIdle();
  }

  function wakeIdle() {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    schedule,
    retryMoment,
    /** Something the loop must wait for began (a snapshot, an action on the SDK). */
    begin: () => void pending++,
    /** What began is over. */
    end: () => void pending--,
    settleIdle,
    /** Resolves once no command is in flight and nothing is pending. */
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    /** Whether a command is running on the port. */
    inFlight: () => inFlight,
    /** How many commands have run so far (a snapshot taken meanwhile may predate one). */
    commandsRun: () => commandsRun,
    /** A call back under the same id starts afresh: what its earlier self failed at no longer waits. */
    forgetCall(callId: string) {
      held.forgetCall(callId);
      backoff.forgetCall(callId);
    },
    /** Stops the timers and wakes whoever waits for idle. */
    stop() {
      backoff.stop();
      wakeIdle();
    },
  };
}

/** The command loop's handle. */
export type Loop = ReturnType<typeof createLoop>;
