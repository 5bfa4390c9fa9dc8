// Acting on the app's calls: ending one (a hang-up from a surface, or the SDK's own end), and telling
// its SDK to hang up or mute, reached from the background through createClient if need be.
import { toKeepCallError } from '../errors';
import type { Reduction } from '../platform-kit';
import type { CallKitEndReason, CallLike } from '../types';
import { mediaTurnedOn } from './calls';
import { report } from './listeners';
import { retryMoment, schedule, settleIdle } from './loop';
import type { Engine } from './state';

/** Tells the app's SDK to act on its call (reached from the background if need be); a failure is reported, then `undo` runs. */
async function actOnCall(
  e: Engine,
  callId: string,
  act: (call: CallLike) => Promise<void>,
  undo?: () => void,
) {
  e.pending++;
  try {
    await act(await e.reach(callId));
  } catch (error) {
    report(e, toKeepCallError(error, 'call-control-failed'));
    undo?.();
  } finally {
    e.pending--;
    settleIdle(e);
  }
}

/** The call ended: it leaves the model; with `linger`, the keeper lingers after the last one (kit.lingerMs). */
export function endCall(e: Engine, callId: string, reason: CallKitEndReason, linger: boolean): void {
  const { model, kit } = e;
  e.endedToForget = true;
  kit.callEnded?.(callId, reason, e.memory);
  // Marked even when the model no longer holds the call (a hang-up of an adopted keeper after a
  // reload): a late `reconnecting` from the session that ended must not bring it back.
  e.calls.ended(callId);
  if (!model.calls.delete(callId)) return;
  if (model.calls.size === 0) model.lingerUntil = linger ? e.clock.now() + (kit.lingerMs?.(model) ?? 0) : 0;
}

/** Removes the call at once and tells the app's SDK to leave it, as a hang-up from a surface. */
export async function hangUp(e: Engine, callId: string, reason: CallKitEndReason = 'local'): Promise<void> {
  const { model } = e;
  // A hangup from a surface removes the call at once: the user asked for it, so there is no linger.
  const wasLive = model.calls.has(callId);
  endCall(e, callId, reason, false);
  // The user ended an adopted call nobody tracks again: its keeper goes now, not after the grace,
  // unless other adopted calls still wait for their app call to be tracked again.
  if (!wasLive && !e.kit.awaitsTracking?.(e.actual, model, callId)) model.adoptUntil = 0;
  schedule(e);
  await actOnCall(e, callId, (call) => call.hangup());
}

/** A surface's toggle shows at once: the media is set now, `act` tells the SDK, a failure restores it. */
export async function control(e: Engine, { callId, media, act }: NonNullable<Reduction['control']>) {
  const { model } = e;
  const call = model.calls.get(callId);
  const previous = call?.media;
  if (call && previous) {
    const next = { ...previous, ...media };
    model.calls.set(callId, { ...call, media: next });
    // Media turned on is a retry moment (a refused type may now pass); any other change is a pass.
    if (mediaTurnedOn(previous, next)) retryMoment(e);
    else schedule(e);
  }
  await actOnCall(e, callId, act, () => {
    const now = model.calls.get(callId);
    if (now && previous) {
      model.calls.set(callId, { ...now, media: previous });
      schedule(e);
    }
  });
}
