// iOS policy: which calls CallKit should know, in which phase, muted or held (PLATFORM_RULES I3–I10), and
// when its provider settings may change.
import type { IosConfig } from '../config';
import { liveCalls, type Model, shownName } from '../model';
import type { Note } from '../note';
import { entryOf, type IdRecord, idRecord } from '../records';
import type { CallKitCall, CallKitHandle, CallKitProvider, Command, Keeper } from '../types';
import type { IosMemory } from './memory';

/** An app's call ids are not phone numbers or e-mail addresses: CallKit shows them as generic handles. */
const HANDLE_TYPE = 'generic';

/**
 * I9: the system may hold a keepcall call for an incoming cellular call, and keepcall follows it. Merging
 * calls and DTMF tones are the calling SDK's business, which keepcall cannot carry out: not offered.
 */
const CAPABILITIES = {
  supportsHolding: true,
  supportsGrouping: false,
  supportsUngrouping: false,
  supportsDTMF: false,
} as const;

/** How CallKit names a call's other party: its display name, else the call id (at start and on every update). */
export function callKitHandle(callId: string, call: CallKitCall): CallKitHandle {
  return { type: HANDLE_TYPE, value: call.displayName ?? callId };
}

/** What `callkit.start` tells CallKit beyond the keeper: the handle, the audio session, what the system may do. */
export function callKitStart(
  callId: string,
  call: CallKitCall,
): Pick<Extract<Command, { kind: 'callkit.start' }>, 'handle' | 'audio' | 'capabilities'> {
  return {
    handle: callKitHandle(callId, call),
    // A two-way call: record and play; video calls get the mode tuned for them. A Bluetooth headset
    // carries the call both ways only with the hands-free profile allowed.
    audio: {
      category: 'playAndRecord',
      mode: call.hasVideo ? 'videoChat' : 'voiceChat',
      allowBluetooth: true,
    },
    capabilities: { ...CAPABILITIES },
  };
}

/**
 * CallKit's provider for the app's settings. One call per group: keepcall's calls are separate calls,
 * never merged; two groups, so a second call can be held and swapped with the first (CallKit's default).
 */
export function callKitProvider(config: IosConfig): CallKitProvider {
  return {
    appName: config.appName,
    supportsVideo: config.supportsVideo,
    includesCallsInRecents: config.includesCallsInRecents,
    ...(config.iconTemplateImageName !== undefined && {
      iconTemplateImageName: config.iconTemplateImageName,
    }),
    maximumCallGroups: 2,
    maximumCallsPerCallGroup: 1,
    handleType: HANDLE_TYPE,
  };
}

/**
 * What CallKit should hold now: its calls, and the provider settings they are shown with; why it holds
 * nothing when CallKit reporting is off (I10).
 */
export function desiredIos(
  model: Model,
  actual: Keeper,
  memory: IosMemory,
): { keeper: Keeper; notes: Note[] } {
  const { keeper: ios, notes } = desiredCalls(model, actual, memory);
  // The provider settings are the config's, set before a call is started; never changed while CallKit
  // holds a call (also one adopted after a reload): that call holds the audio session and keeps the
  // settings it started with. New ones wait until no call is live and the next one starts.
  const keep = Object.keys(actual.ios ?? {}).length > 0 || Object.keys(ios).length === 0;
  return {
    keeper: { ios, iosProvider: keep ? actual.iosProvider : callKitProvider(model.config.ios) },
    notes,
  };
}

/** Which calls CallKit should hold: one entry per live call, keyed by the app's call id; the I10 note. */
function desiredCalls(
  model: Model,
  actual: Keeper,
  memory: IosMemory,
): { keeper: IdRecord<CallKitCall>; notes: Note[] } {
  const keeper = idRecord<CallKitCall>();
  const notes: Note[] = [];
  const onDevice = actual.ios ?? {};
  // After a JavaScript reload, calls CallKit still has wait for the app to track them again (I8), and
  // for setPushConfig, which the app may call only after start-up (after an await, after `on`).
  if (model.now < model.adoptUntil) {
    for (const [id, entry] of Object.entries(onDevice)) if (!memory.ended.has(id)) keeper[id] = entry;
  }
  // I10: without enableOngoingCalls (e.g. apps offered in China) nothing is reported to CallKit.
  if (!model.push.enableOngoingCalls) {
    if (model.calls.size > 0) notes.push(CALLKIT_OFF);
    return { keeper, notes };
  }
  for (const call of liveCalls(model)) {
    const uuid = memory.uuids.get(call.id);
    if (uuid === undefined) continue;
    // I4: the CallKit call starts at `joining`, so CallKit activates the audio session before WebRTC needs it.
    const device = entryOf(onDevice, call.id);
    const connected = call.joinedAt !== undefined || device?.phase === 'connected';
    const entry: CallKitCall = {
      uuid,
      phase: connected ? 'connected' : 'connecting',
      muted: call.media.muted,
      // I6, I9: only the system holds and unholds, and `actual` records it; a CallKit call adopted on
      // hold after a reload stays on hold until the system says otherwise.
      held: call.phase === 'held' || (device?.uuid === uuid && device.held),
      hasVideo: call.media.video,
    };
    // I3: no name (or an empty one) leaves CallKit the call id as the handle, never an empty one.
    const name = shownName(call);
    if (name) entry.displayName = name;
    keeper[call.id] = entry;
  }
  return { keeper, notes };
}

/** I1, I10: why calls are not kept alive on iOS while CallKit reporting is off. */
const CALLKIT_OFF: Note = {
  code: 'unsupported',
  message:
    'enableOngoingCalls is off: calls are not reported to CallKit and iOS suspends the app in the background (I1, I10); turn it on with setPushConfig',
};
