// iOS policy: which calls CallKit should know, in which phase, muted or held (PLATFORM_RULES I3–I10).
import { liveCalls, type Model } from '../model';
import { entryOf, type IdRecord, idRecord } from '../records';
import type { CallKitCall, Keeper } from '../types';

/** What CallKit should hold now: one entry per live call, keyed by the app's call id. */
export function desiredIos(model: Model, actual: Keeper): IdRecord<CallKitCall> {
  const out = idRecord<CallKitCall>();
  const held = actual.ios ?? {};
  // After a JavaScript reload, calls CallKit still has wait for the app to track them again (I8), and
  // for setPushConfig, which the app may call only after start-up (after an await, after `on`).
  if (model.now < model.adoptUntil) {
    for (const [id, entry] of Object.entries(held)) if (!model.ended.has(id)) out[id] = entry;
  }
  // I10: without enableOngoingCalls (e.g. apps offered in China) nothing is reported to CallKit.
  if (!model.push.enableOngoingCalls) return out;
  for (const call of liveCalls(model)) {
    const uuid = model.uuids.get(call.id);
    if (uuid === undefined) continue;
    // I4: the CallKit call starts at `joining`, so CallKit activates the audio session before WebRTC needs it.
    const device = entryOf(held, call.id);
    const connected = call.joinedAt !== undefined || device?.phase === 'connected';
    const entry: CallKitCall = {
      uuid,
      phase: connected ? 'connected' : 'connecting',
      muted: call.media.muted,
      // I6, I9: only the system holds and unholds, and `actual` records it; a CallKit call adopted held
      // after a reload stays held until the system says otherwise.
      held: call.phase === 'held' || (device?.uuid === uuid && device.held),
      hasVideo: call.media.video,
    };
    if (call.displayName !== undefined) entry.displayName = call.displayName;
    out[call.id] = entry;
  }
  return out;
}
