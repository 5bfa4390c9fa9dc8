// Acting on the app's calls: ending one (a hang-up from a surface, or the SDK's own end), and telling
// its SDK to hang up or mute, reached from the background through createClient if need be.
import type { PushConfig } from '../config';
import { toKeepCallError } from '../errors';
import type { Reduction } from '../platform-kit';
import type { CallKitEndReason, CallLike } from '../types';
import { type CallHandle, mediaTurnedOn } from './calls';
import { createCallReacher } from './client';
import type { Listeners } from './listeners';
import type { Loop } from './loop';
import type { EngineState } from './state';

interface ActionOptions {
  loop: Loop;
  listeners: Listeners;
  handles: ReadonlyMap<string, CallHandle>;
  createClient(): PushConfig['createClient'];
  /** The call ended: what comes late from its session is stale. */
  sessionEnded(callId: string): void;
}

/** Ends calls and acts on them through the app's SDK. */
export function createActions(state: EngineState, options: ActionOptions) {
  const { model, clock, kit } = state;
  const { loop, listeners } = options;
  const reachCall = createCallReacher({
    tracked: (callId) => options.handles.get(callId)?.call,
    createClient: options.createClient,
  });

  /** Tells the app's SDK to act on its call (reached from the background if need be); a failure is reported, then `undo` runs. */
  async function actOnCall(callId: string, act: (call: CallLike) => Promise<void>, undo?: () => void) {
    loop.begin();
    try {
      await act(await reachCall(callId));
    } catch (error) {
      listeners.report(toKeepCallError(error, 'call-control-failed'));
      undo?.();
    } finally {
      loop.end();
      loop.settleIdle();
    }
  }

  /** The call ended: it leaves the model; with `linger`, the keeper lingers after the last one (kit.lingerMs). */
  function endCall(callId: string, reason: CallKitEndReason, linger: boolean) {
    state.endedToForget = true;
    kit.callEnded?.(callId, reason, state.memory);
    // Marked even when the model no longer holds the call (a hang-up of an adopted keeper after a
    // reload): a late `reconnecting` from the session that ended must not bring it back.
    options.sessionEnded(callId);
    if (!model.calls.delete(callId)) return;
    if (model.calls.size === 0) model.lingerUntil = linger ? clock.now() + (kit.lingerMs?.(model) ?? 0) : 0;
  }

  return {
    endCall,
    /** Removes the call at once and tells the app's SDK to leave it, as a hang-up from a surface. */
    async hangUp(callId: string, reason: CallKitEndReason = 'local') {
      // A hangup from a surface removes the call at once: the user asked for it, so there is no linger.
      const wasLive = model.calls.has(callId);
      endCall(callId, reason, false);
      // The user ended an adopted call nobody tracks again: its keeper goes now, not after the grace,
      // unless other adopted calls still wait for their app call to be tracked again.
      if (!wasLive && !kit.awaitsTracking?.(state.actual, model, callId)) model.adoptUntil = 0;
      loop.schedule();
      await actOnCall(callId, (call) => call.hangup());
    },
    /** A surface's toggle shows at once: the media is set now, `act` tells the SDK, a failure restores it. */
    async control({ callId, media, act }: NonNullable<Reduction['control']>) {
      const call = model.calls.get(callId);
      const previous = call?.media;
      if (call && previous) {
        const next = { ...previous, ...media };
        model.calls.set(callId, { ...call, media: next });
        if (mediaTurnedOn(previous, next)) state.held.clear();
        loop.schedule();
      }
      await actOnCall(callId, act, () => {
        const now = model.calls.get(callId);
        if (now && previous) {
          model.calls.set(callId, { ...now, media: previous });
          loop.schedule();
        }
      });
    },
  };
}
