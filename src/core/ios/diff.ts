// How the iOS keeper (the calls CallKit knows, its provider's settings) is diffed and how commands and
// reports change it.
import { deepEqual } from '../equal';
import type { PlatformKit } from '../platform-kit';
import { entryOf, type IdRecord, withEntry, withoutEntry } from '../records';
import type { CallKitCall, CallKitEndReason, Command, Keeper } from '../types';
import { callKitHandle, callKitStart } from './policy';

type Calls = IdRecord<CallKitCall>;

/** The CallKit transactions (and provider settings) that move what CallKit holds to what it should hold. */
export function reconcileIos(
  actual: Keeper,
  desired: Keeper,
  endReasons: ReadonlyMap<string, CallKitEndReason>,
): Command[] {
  const have: Calls = actual.ios ?? {};
  const want: Calls = desired.ios ?? {};
  const commands: Command[] = [];
  // The policy wants new settings only while CallKit holds no call, so they always precede the starts.
  const provider = desired.iosProvider;
  if (provider && !deepEqual(provider, actual.iosProvider))
    commands.push({ kind: 'callkit.configure', provider });
  for (const [callId, known] of Object.entries(have)) {
    if (entryOf(want, callId) === undefined)
      commands.push({
        kind: 'callkit.end',
        callId,
        uuid: known.uuid,
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
    // Video or the name changed on a call CallKit has (the connected report above carries them too):
    // without this the system UI keeps what the start said for the rest of the call.
    else if (now && (now.hasVideo !== hasVideo || now.displayName !== displayName))
      commands.push({ kind: 'callkit.update', ...base, handle: callKitHandle(callId, call) });
    if (call.muted !== (now?.muted ?? false))
      commands.push({ kind: 'callkit.mute', callId, uuid, muted: call.muted });
    if (call.held !== (now?.held ?? false))
      commands.push({ kind: 'callkit.hold', callId, uuid, held: call.held });
  }
  return commands;
}

/** `actual` after a CallKit transaction succeeded. */
export const applyIos: PlatformKit['apply'] = (actual, command) => {
  switch (command.kind) {
    case 'callkit.configure':
      return { ...actual, iosProvider: command.provider };
    case 'callkit.start':
      return withCall(
        actual,
        command.callId,
        reported({ uuid: command.uuid, phase: 'connecting', muted: false, held: false }, command),
      );
    case 'callkit.connected':
    case 'callkit.update': {
      const current = entryOf(actual.ios, command.callId);
      if (!current) return actual;
      const { displayName: _, ...call } = current;
      if (command.kind === 'callkit.connected') call.phase = 'connected';
      return withCall(actual, command.callId, reported(call, command));
    }
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

/** A call with the video and the name a report told CallKit (start, connected, update): exactly those. */
function reported(
  call: Omit<CallKitCall, 'hasVideo' | 'displayName'>,
  { hasVideo, displayName }: Pick<CallKitCall, 'hasVideo' | 'displayName'>,
): CallKitCall {
  return displayName === undefined ? { ...call, hasVideo } : { ...call, hasVideo, displayName };
}

function withCall(actual: Keeper, callId: string, entry: CallKitCall): Keeper {
  return { ...actual, ios: withEntry(actual.ios, callId, entry) };
}

/** `actual` with CallKit's entry for `callId` patched, when it has one. */
export function patchCall(actual: Keeper, callId: string, patch: Partial<CallKitCall>): Keeper {
  const current = entryOf(actual.ios, callId);
  return current ? withCall(actual, callId, { ...current, ...patch }) : actual;
}

/** `actual` without CallKit's entry for `callId`. */
export function withoutCall(actual: Keeper, callId: string): Keeper {
  const ios = actual.ios && withoutEntry(actual.ios, callId);
  return ios === actual.ios ? actual : { ...actual, ios };
}
