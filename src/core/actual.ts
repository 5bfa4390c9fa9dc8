// How `actual` changes: after a command succeeded, or when the device reports a change it made itself.
import type { CallKitCall, Command, Keeper, PortEvent } from './types';

/** `actual` after `command` succeeded on the device. */
export function apply(actual: Keeper, command: Command): Keeper {
  switch (command.kind) {
    case 'service.start':
    case 'service.update':
      return { ...actual, android: { notification: command.notification, types: [...command.types] } };
    case 'service.stop':
      return { ...actual, android: null };
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
    case 'callkit.connecting':
      return actual;
    case 'callkit.connected':
      return patchCall(actual, command.callId, { phase: 'connected' });
    case 'callkit.mute':
      return patchCall(actual, command.callId, { muted: command.muted });
    case 'callkit.hold':
      return patchCall(actual, command.callId, { held: command.held });
    case 'callkit.end':
      return withoutCall(actual, command.callId);
    case 'web.session':
      return { ...actual, web: { ...webOf(actual), session: command.session } };
    case 'web.notification':
      return { ...actual, web: { ...webOf(actual), notification: command.notification } };
    case 'web.wakeLock':
      return { ...actual, web: { ...webOf(actual), wakeLock: command.held } };
  }
}

/** `actual` after the device reported something it did on its own (system UI, the OS, the user). */
export function applyPortEvent(actual: Keeper, event: PortEvent): Keeper {
  switch (event.type) {
    case 'service.narrowed':
    case 'service.started':
      return actual.android ? { ...actual, android: { ...actual.android, types: [...event.types] } } : actual;
    case 'service.stopped':
    case 'service.failed':
    case 'service.timeout':
      return { ...actual, android: null };
    case 'notification.dismissed':
      // The notification is gone while the service runs: mark it stale so reconcile posts it again.
      return actual.android
        ? {
            ...actual,
            android: { ...actual.android, notification: { ...actual.android.notification, title: '' } },
          }
        : actual;
    case 'callkit.ended':
      return withoutCall(actual, event.callId);
    case 'hold':
      return event.source === 'callkit' ? patchCall(actual, event.callId, { held: event.held }) : actual;
    case 'mute':
      return event.source === 'callkit' ? patchCall(actual, event.callId, { muted: event.muted }) : actual;
    default:
      return actual;
  }
}

function webOf(actual: Keeper): NonNullable<Keeper['web']> {
  return actual.web ?? { session: null, notification: null, wakeLock: false };
}

function withCall(actual: Keeper, callId: string, entry: CallKitCall): Keeper {
  return { ...actual, ios: { ...(actual.ios ?? {}), [callId]: entry } };
}

function patchCall(actual: Keeper, callId: string, patch: Partial<CallKitCall>): Keeper {
  const current = actual.ios?.[callId];
  return current ? withCall(actual, callId, { ...current, ...patch }) : actual;
}

function withoutCall(actual: Keeper, callId: string): Keeper {
  if (!actual.ios || !(callId in actual.ios)) return actual;
  const { [callId]: _gone, ...rest } = actual.ios;
  return { ...actual, ios: rest };
}
