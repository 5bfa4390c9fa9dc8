// The command loop: decide (policy, then diff), run one command at a time on the port, record what
// happened, hold a failed command until the platform allows a retry, and decide again until settled.
import { KeepCallError, messageOf, toKeepCallError } from '../errors';
import type { Command } from '../types';
import { retryLater, succeeded } from './backoff';
import { setTimer } from './clock';
import { heldFor, hold, isHeld } from './held';
import { emit, report, surfaceNotes } from './listeners';
import { applyDeferred, tookEffect } from './order';
import { type Engine, setActual } from './state';
import { snapshotState } from './view';

const MAX_ROUNDS = 64;

/** A retry moment: every held command may go again. */
export function retryMoment(e: Engine): void {
  e.held.clear();
  schedule(e);
}

/** Asks for a pass; one runs at a time. */
export function schedule(e: Engine): void {
  if (e.disposed) return;
  e.dirty = true;
  if (!e.pumping) void pump(e);
}

/** Wakes whoever waits for idle() once no pass runs, nothing is pending and nothing is asked for. */
export function settleIdle(e: Engine): void {
  if (!e.pumping && e.pending === 0 && !e.dirty) wakeIdle(e);
}

/** Resolves every idle() waiting. */
export function wakeIdle(e: Engine): void {
  for (const resolve of e.idleWaiters.splice(0)) resolve();
}

// A held command waits for a retry moment, but what of it the platform cannot refuse goes now: a
// refused widening must not leave the notification stale meanwhile.
// A part that was refused too waits for the retry moment like the rest: never a storm of resends.
function sendable(e: Engine, commands: Command[]): Command[] {
  const out: Command[] = [];
  for (const command of commands) {
    if (!isHeld(e.held, command) && !e.kit.blocked?.(command, e.held)) out.push(command);
    else if (!isHeld(e.held, command, true)) {
      const part = e.kit.allowedPart?.(command, e.actual);
      if (part) {
        e.parts.add(part);
        out.push(part);
      }
    }
  }
  return out;
}

async function pump(e: Engine) {
  const { kit, model } = e;
  e.pumping = true;
  try {
    let rounds = 0;
    // Nothing is sent before the device's own state is known: a reload must adopt, not duplicate.
    while (e.dirty && !e.disposed && e.adopted) {
      e.dirty = false;
      if (++rounds > MAX_ROUNDS) {
        report(
          e,
          new KeepCallError(
            'port-failed',
            'the keeper did not settle: the device keeps disagreeing with every command',
          ),
        );
        // Given up until something new happens, so idle() settles (a listener's retry included).
        e.dirty = false;
        break;
      }
      model.now = e.clock.now();
      const commands = decide(e);
      if (!commands) break;
      for (let index = 0; index < commands.length; index++) {
        // Disposed mid-batch (between CallKit's start and connecting, say): nothing more is sent.
        if (e.disposed) break;
        const ok = await runOne(e, commands[index] as Command);
        if (!ok) {
          e.dirty = true;
          break;
        }
        // A report arrived: decide again, but first finish a transaction the device has begun.
        const next = commands[index + 1];
        if (e.dirty && !(next && kit.completes?.(next, e.actual))) break;
      }
      armTimer(e);
      // Only a pass that follows an ended call, or an end still waiting for the device, looks.
      if (e.endedToForget) e.endedToForget = kit.forgetEnded?.(e.actual, model, e.memory) ?? false;
      // What the follower waits for may have come without a change of actual: a call tracked again
      // under an adopted keeper, a task configured while the keeper runs.
      e.follower?.sync(e.actual);
    }
  } finally {
    e.pumping = false;
    if (e.listeners.size > 0) emit(e, { type: 'change', state: snapshotState(e) });
    settleIdle(e);
  }
}

// The policy and the diff are pure, but a release build trusts its config: a value of the wrong shape
// surfaces here, and it must reach the app as an error event, never as an unhandled rejection.
function decide(e: Engine): Command[] | undefined {
  try {
    const want = e.kit.desired(e.model, e.actual, e.memory);
    e.desired = want.keeper;
    surfaceNotes(e, want.notes);
    const commands = e.kit.reconcile(e.actual, want.keeper, e.memory);
    e.undecidable = undefined;
    return sendable(e, commands);
  } catch (error) {
    const reason = messageOf(error);
    // Reported once per cause, not on every event that follows.
    if (reason === e.undecidable) return undefined;
    e.undecidable = reason;
    // Without validation the likely cause is the config, which a development build names.
    const code = e.trusting ? 'invalid-config' : 'port-failed';
    report(e, new KeepCallError(code, `could not decide: ${reason}`, { cause: error }));
    return undefined;
  }
}

async function runOne(e: Engine, command: Command): Promise<boolean> {
  const { kit } = e;
  e.inFlight = true;
  let failure: KeepCallError | undefined;
  try {
    const seq = await e.port.run(command);
    if (typeof seq === 'number') tookEffect(e, command, seq);
    succeeded(e, command);
    const before = e.actual;
    setActual(e, kit.apply(before, command));
    e.execute(kit.applied?.(command, before, e));
  } catch (error) {
    failure = toKeepCallError(error);
    hold(e.held, heldFor(command, e.parts.has(command)));
    setActual(e, kit.afterFailure?.(e.actual, command, failure) ?? e.actual);
    retryLater(e, command, kit.retryAfterMs?.(command, failure), () => retryMoment(e));
  }
  e.inFlight = false;
  e.commandsRun++;
  emit(e, failure ? { type: 'command', command, error: failure } : { type: 'command', command });
  if (failure) report(e, failure);
  applyDeferred(e);
  return !failure;
}

/** Wakes the loop at the linger or adoption deadline, whichever is later. */
function armTimer(e: Engine) {
  const { model, timer } = e;
  const until = Math.max(model.lingerUntil, model.adoptUntil);
  // Not `until <= now`: a NaN deadline (a release build trusting a bad config) must not spin the timer.
  if (!(until > model.now)) return;
  if (timer.timeout !== undefined && timer.firesAt === until) return;
  timer.firesAt = until;
  setTimer(e.clock, timer, until - model.now, () => schedule(e));
}
