// iOS: every call reported to CallKit.

import type { Note } from '../note';
import type { PlatformKit } from '../platform-kit';
import { entryOf, idRecord } from '../records';
import type { CallKitCall } from '../types';
import { callKitReason } from './errors';
import { applyIos, applyIosEvent, reconcileIos } from './keeper';
import { adopted, callAdded, callEnded, forgetEnded } from './ledger';
import { desiredIos } from './policy';

/** The engine's iOS part. */
export const iosKit: PlatformKit = {
  os: 'ios',
  empty: Object.freeze({ ios: Object.freeze(idRecord<CallKitCall>()) }),
  desired(model, actual) {
    const notes: Note[] = [];
    if (!model.push.enableOngoingCalls && model.calls.size > 0) {
      notes.push({
        code: 'unsupported',
        message:
          'enableOngoingCalls is off: calls are not reported to CallKit and iOS suspends the app in the background (I1, I10); turn it on with setPushConfig',
      });
    }
    return { keeper: { ios: desiredIos(model, actual) }, notes };
  },
  reconcile: reconcileIos,
  apply: applyIos,
  applyEvent: applyIosEvent,
  adopt: (snapshot) => ({ ios: idRecord(Object.entries(snapshot.ios ?? {})) }),
  callAdded,
  callEnded,
  adopted,
  forgetEnded,
  // I9: a CallKit call started anew is not held, whatever the system did to the one it replaces (a
  // hold report that predates this start, delivered late): the call returns to where it was.
  applied(command, _before, { model, handles, emit }) {
    const call = command.kind === 'callkit.start' ? model.calls.get(command.callId) : undefined;
    if (call?.phase !== 'held') return false;
    model.calls.set(call.id, { ...call, phase: handles.get(call.id)?.phaseBeforeHold ?? 'joined' });
    emit({ type: 'hold', callId: call.id, held: false });
    return true;
  },
  onEvent(event, host) {
    switch (event.type) {
      case 'hold': {
        // I9: held from CallKit (another call came in); the call returns to where it was.
        const { model } = host;
        const call = model.calls.get(event.callId);
        const handle = host.handles.get(event.callId);
        if (call && handle) {
          if (event.held && call.phase !== 'held') handle.phaseBeforeHold = call.phase;
          const phase = event.held ? 'held' : (handle.phaseBeforeHold ?? 'joined');
          model.calls.set(event.callId, { ...call, phase });
        }
        host.emit({ type: 'hold', callId: event.callId, held: event.held });
        return true;
      }
      case 'callkit.ended':
        host.hangUp(event.callId, event.reason);
        return true;
      case 'audio.activated':
      case 'audio.deactivated':
        // I4: the app's WebRTC layer starts and stops its audio unit on these; the keeper does not change.
        host.emit({ type: 'audio', active: event.type === 'audio.activated' });
        return false;
      default:
        return true;
    }
  },
  // I5: a started call is reported connecting at once, even if a report arrived while it started.
  completes: (command, actual) =>
    command.kind === 'callkit.connecting' && entryOf(actual.ios, command.callId)?.uuid === command.uuid,
  // I8: a CallKit call that failed to start has nothing to connect, mute, hold or end.
  blocked: (command, held) =>
    'callId' in command && held.has({ kind: 'callkit.start', callId: command.callId }),
  // I8: ending a call CallKit no longer has is done already; forget it rather than retry forever. Read
  // from CallKit's error code: the message is the system's localized text ("… error 4.").
  afterFailure: (actual, command, error) =>
    command.kind === 'callkit.end' && callKitReason(error) === 'unknownCallUUID'
      ? applyIos(actual, command)
      : actual,
  // No event says when CallKit would accept a refused transaction again (another app's call ended, the
  // daemon recovered), so it is tried again after a while; CallKit missing (I10) will not change.
  retryAfterMs: (_command, error) => (error.code === 'callkit-transaction-failed' ? 1000 : undefined),
};
