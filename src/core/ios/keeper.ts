// How the iOS keeper (the calls CallKit knows) is diffed and how it changes.
import type { PlatformKit } from '../platform-kit';
import { entryOf, type IdRecord, withEntry, withoutEntry } from '../records';
import type { CallKitCall, Command, Keeper } from '../types';
import { callKitStart } from './policy';

type Calls = IdRecord<CallKitCall>;

/** The CallKit transactions that move what CallKit holds to what it should hold. */
export const reconcileIos: PlatformKit['reconcile'] = (actual, desired, endReasons) => {
  const have: Calls = actual.ios ?? {};
  const want: Calls = desired.ios ?? {};
  const commands: Command[] = [];
  for (const [callId, held] of Object.entries(have)) {
    if (entryOf(want, callId) === undefined)
      commands.push({
        kind: 'callkit.end',
        callId,
        uuid: held.uuid,
        reason: endReasons.get(callId) ?? 'local',
      });
  }
  for (const [callId, call] of Object.entries(want)) {
    const old = entryOf(have, callId);
    const { uuid, hasVideo, displayName } = call;
    const base =
      displayName === undefined ? { callId, uuid, hasVideo } : { callId, uuid, hasVideo, displayName };
    // A call CallKit knows under another UUID is a different CallKit call: end it, start this one.
    if (old && old.uuid !== uuid)
      commands.push({ kind: 'callkit.end', callId, uuid: old.uuid, reason: 'local' });
    const now = old?.uuid === uuid ? old : undefined;
    if (!now)
      commands.push(
        { kind: 'callkit.start', ...base, ...callKitStart(callId, call) },
        { kind: 'callkit.connecting', ...base },
      );
    if (call.phase === 'connected' && now?.phase !== 'connected')
      commands.push({ kind: 'callkit.connected', ...base });
    if (call.muted !== (now?.muted ?? false))
      commands.push({ kind: 'callkit.mute', callId, uuid, muted: call.muted });
    if (call.held !== (now?.held ?? false))
      commands.push({ kind: 'callkit.hold', callId, uuid, held: call.held });
  }
  return commands;
};

/** `actual` after a CallKit transaction succeeded. */
export const applyIos: PlatformKit['apply'] = (actual, command) => {
  switch (command.kind) {
    case 'callkit.start': {
      const entry: CallKitCall = {
        uuid: command.uuid,
        phase: 'connecting',
        muted: false,
        held: false,
        hasVideo: command.hasVideo,
      };
      if (command.displayName !== undefined) entry.displayName = command.displayName;
      return withCall(actual, command.callId, entry);
    }
    case 'callkit.connected':
      return patchCall(actual, command.callId, { phase: 'connected' });
    case 'callkit.mute':
      return patchCall(actual, command.callId, { muted: command.muted });
    case 'callkit.hold':
      return patchCall(actual, command.callId, { held: command.held });
    case 'callkit.end':
      return withoutCall(actual, command.callId);
    default:
      return actual;
  }
};

/** `actual` after CallKit's own UI ended, muted or held a call (I6, I8). */
export const applyIosEvent: PlatformKit['applyEvent'] = (actual, event) => {
  if (event.type === 'callkit.ended') return withoutCall(actual, event.callId);
  if (event.type === 'hold' && event.source === 'callkit')
    return patchCall(actual, event.callId, { held: event.held });
  if (event.type === 'mute' && event.source === 'callkit')
    return patchCall(actual, event.callId, { muted: event.muted });
  return actual;
};

function withCall(actual: Keeper, callId: string, entry: CallKitCall): Keeper {
  return { ...actual, ios: withEntry(actual.ios, callId, entry) };
}

function patchCall(actual: Keeper, callId: string, patch: Partial<CallKitCall>): Keeper {
  const current = entryOf(actual.ios, callId);
  return current ? withCall(actual, callId, { ...current, ...patch }) : actual;
}

function withoutCall(actual: Keeper, callId: string): Keeper {
  const ios = actual.ios && withoutEntry(actual.ios, callId);
  return ios === actual.ios ? actual : { ...actual, ios };
}
