// Acting on the app's calls: ending one (a hang-up from a surface, or the SDK's own end), and telling
// its SDK to hang up or mute, reached from the background through createClient if need be.
import type { PushConfig } from '../config';
import { toKeepCallError } from '../errors';
import type { CallKitEndReason, CallLike, Media } from '../types';
import type { CallHandle } from './calls';
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
  /** The kit's part of an end (iOS keeps why, for CallKit's end reason). */
  callEnded(callId: string, reason: CallKitEndReason): void;
  /** Whether CallKit holds a call (other than `except`) no tracked call claims yet: an adopted one. */
  untrackedCallKitCall(except?: string): boolean;
}

/** Ends calls and acts on them through the app's SDK. */
export function createActions(state: EngineState, options: ActionOptions) {
  const { model, clock } = state;
  const { loop, listeners } = options;
  const reachCall = createCallReacher({
    tracked: (callId) => options.handles.get(callId)?.call,
    createClient: options.createClient,
  });
  let endedToForget = false;

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

  /** The call ended: it leaves the model; with `linger`, the Android keeper lingers after the last one. */
  function endCall(callId: string, reason: CallKitEndReason, linger: boolean) {
    endedToForget = true;
    options.callEnded(callId, reason);
    // Marked even when the model no longer holds the call (a hang-up of an adopted keeper after a
    // reload): a late `reconnecting` from the session that ended must not bring it back.
    options.sessionEnded(callId);
    if (!model.calls.delete(callId)) return;
    if (model.calls.size === 0) {
      model.lingerUntil = linger ? clock.now() + model.config.foregroundService.android.stopDebounceMs : 0;
    }
  }

  return {
    endCall,
    /** Removes the call at once and tells the app's SDK to leave it, as a hang-up from a surface. */
    async hangUp(callId: string, reason: CallKitEndReason = 'local') {
      // A hangup from a surface removes the call at once: the user asked for it, so there is no linger.
      const wasLive = model.calls.has(callId);
      endCall(callId, reason, false);
      // The user ended an adopted call nobody tracks again: its keeper goes now, not after the grace,
      // unless other adopted CallKit calls still wait for their app call to be tracked again.
      if (!wasLive && !options.untrackedCallKitCall(callId)) model.adoptUntil = 0;
      loop.schedule();
      await actOnCall(callId, (call) => call.hangup());
    },
    /** A surface's toggle shows at once: the media is set now, `act` tells the SDK, a failure restores it. */
    async control(callId: string, patch: Partial<Media>, act: (call: CallLike) => Promise<void>) {
      const call = model.calls.get(callId);
      const previous = call?.media;
      if (call) {
        model.calls.set(callId, { ...call, media: { ...call.media, ...patch } });
        // Video turned on may let a camera type through that was refused without it.
        if (patch.video) state.held.clear();
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
    /** Whether a pass since the last look followed an ended call (what the kit keeps about it may go). */
    takeEnded(): boolean {
      const was = endedToForget;
      endedToForget = false;
      return was;
    },
    /** An end still waits for the device: the next pass looks again. */
    keepEnded() {
      endedToForget = true;
    },
  };
}
