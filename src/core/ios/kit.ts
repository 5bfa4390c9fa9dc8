// iOS: every call reported to CallKit.
import { reduceAppEvent } from '../engine/app-events';
import { isHeld } from '../engine/held';
import type { PlatformKit } from '../platform-kit';
import { entryOf, idRecord } from '../records';
import type { CallKitCall } from '../types';
import { applyIos, patchCall, reconcileIos, withoutCall } from './diff';
import { callKitReason } from './errors';
import { adopted, awaitsTracking, callAdded, callEnded, forgetEnded, freshMemory } from './ledger';
import type { IosMemory } from './memory';
import { desiredIos } from './policy';

/** The engine's iOS part. */
export const iosKit: PlatformKit<IosMemory> = {
  os: 'ios',
  empty: Object.freeze({ ios: Object.freeze(idRecord<CallKitCall>()) }),
  memory: freshMemory,
  desired: desiredIos,
  reconcile: (actual, desired, memory) => reconcileIos(actual, desired, memory.ended),
  apply: applyIos,
  // I9: a CallKit call started anew is not on hold, whatever the system did to the one it replaces (a
  // hold report that predates this start, delivered late): the call returns to where it was.
  applied(command, _before, { model }) {
    if (command.kind !== 'callkit.start' || model.calls.get(command.callId)?.phase !== 'held')
      return undefined;
    const { callId } = command;
    return { holdCall: { callId, held: false }, emit: { type: 'hold', callId, held: false } };
  },
  // What the system did on its own is recorded in `actual` (I6), so the engine never asks for it back.
  reduce(event, view) {
    const { actual } = view;
    switch (event.type) {
      case 'hold': {
        // I9: put on hold from CallKit (another call came in); the call returns to where it was.
        const { callId, held } = event;
        return {
          actual: event.source === 'callkit' ? patchCall(actual, callId, { held }) : undefined,
          holdCall: { callId, held },
          emit: { type: 'hold', callId, held },
        };
      }
      case 'mute':
        return {
          ...reduceAppEvent(event, view),
          actual:
            event.source === 'callkit' ? patchCall(actual, event.callId, { muted: event.muted }) : undefined,
        };
      case 'callkit.ended':
        return { actual: withoutCall(actual, event.callId), hangUp: [event.callId], reason: event.reason };
      case 'audio.activated':
      case 'audio.deactivated':
        // I4: the app's WebRTC layer starts and stops its audio unit on these; the keeper does not change,
        // and no pass runs: one started mid-batch would cut `callkit.start` from `callkit.connecting`.
        return { emit: { type: 'audio', active: event.type === 'audio.activated' }, decide: false };
      default:
        return reduceAppEvent(event, view);
    }
  },
  adopt: ({ ios, iosProvider }) => ({ ios: idRecord(Object.entries(ios ?? {})), iosProvider }),
  adopted,
  awaitsTracking,
  callAdded,
  callEnded,
  forgetEnded,
  // I5: a started call is reported connecting at once, even if a report arrived while it started.
  completes: (command, actual) =>
    command.kind === 'callkit.connecting' && entryOf(actual.ios, command.callId)?.uuid === command.uuid,
  // I8: a CallKit call that failed to start has nothing to connect, mute, hold or end. Settings are sent
  // only while CallKit holds no call, before starts: nothing starts before CallKit took them.
  blocked: (command, held) =>
    isHeld(held, { kind: 'callkit.configure' }) ||
    ('callId' in command && isHeld(held, { kind: 'callkit.start', callId: command.callId })),
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
