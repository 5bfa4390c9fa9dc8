// iOS's half of the port: the CallKit methods, the calls CallKit holds, and what CallKit's own UI
// and the audio session report.
import { messageOf } from '../core/errors';
import { callKitRefusal, isCallKitTransactionError } from '../core/ios/errors';
import { iosKit } from '../core/ios/kit';
import { idRecord } from '../core/records';
import type {
  AppState,
  CallKitCall,
  CallKitEndReason,
  CallKitHandle,
  CallKitProvider,
  Command,
  PortEvent,
} from '../core/types';
import type { NativeContext, NativeParts, NativePlatform } from './port';

/** Maps React Native's AppState strings to keepcall's; unknown or missing states count as active. */
function toAppState(state: string | null | undefined): AppState {
  return state === 'background' || state === 'inactive' ? state : 'active';
}

function connect({ native, info, appState }: NativeContext): NativeParts {
  // iOS's native module reports no app state: React Native's AppState is the only source.
  if (!appState) throw new Error("keepcall's iOS binding needs React Native's AppState");

  function request(command: Extract<Command, { hasVideo: boolean }>) {
    const { callId, uuid, hasVideo, displayName } = command;
    return { callId, uuid, hasVideo, displayName: displayName ?? null };
  }

  /** The request with the handle CallKit names the call by (a start, an update). */
  function named(command: Extract<Command, { handle: CallKitHandle }>) {
    return { ...request(command), handleType: command.handle.type, handleValue: command.handle.value };
  }

  function start(command: Extract<Command, { kind: 'callkit.start' }>) {
    const { audio, capabilities } = command;
    return native.startCallKitCall({
      ...named(command),
      audioCategory: audio.category,
      audioMode: audio.mode,
      allowBluetooth: audio.allowBluetooth,
      ...capabilities,
    });
  }

  function run(command: Command): Promise<void> {
    switch (command.kind) {
      case 'callkit.configure':
        return native.configureCallKit(command.provider);
      case 'callkit.start':
        return start(command);
      case 'callkit.connecting':
        return native.reportCallKitConnecting(request(command));
      case 'callkit.connected':
        return native.reportCallKitConnected(request(command));
      case 'callkit.update':
        return native.updateCallKitCall(named(command));
      case 'callkit.end':
        return native.endCallKitCall(command.callId, command.uuid, command.reason);
      case 'callkit.mute':
        return native.setCallKitMuted(command.callId, command.uuid, command.muted);
      case 'callkit.hold':
        return native.setCallKitHeld(command.callId, command.uuid, command.held);
      default:
        throw new Error(`${command.kind} is not an iOS command`);
    }
  }

  return {
    platform: { os: 'ios', declared: [...info.declared] },
    app: toAppState(appState.currentState),
    async send(command) {
      try {
        await run(command);
      } catch (error) {
        // Native code rejects with CallKit's error name as the code; its message names nothing.
        const code = (error as { code?: unknown } | null)?.code;
        if (!isCallKitTransactionError(code)) throw error;
        throw callKitRefusal(code, messageOf(error), error);
      }
    },
    keeper(snap) {
      // Keyed by the app's call ids, which may name Object.prototype members ("constructor"). `phase`,
      // like the events' `source` and `reason` below, holds only the values the spec's doc comments list
      // (test/native checks the Swift): asserting keepcall's types costs nothing at run time.
      const calls = idRecord<CallKitCall>();
      for (const { callId, displayName, ...call } of snap.calls)
        calls[callId] = { ...(call as CallKitCall), ...(displayName ? { displayName } : {}) };
      // What configureCallKit was last sent, as Swift keeps it (no icon when none was sent); null before.
      return { ios: calls, iosProvider: (snap.provider ?? undefined) as CallKitProvider | undefined };
    },
    listen(listener) {
      let last = toAppState(appState.currentState);
      const subscriptions = [
        appState.addEventListener('change', (next) => {
          const state = toAppState(next);
          if (state === last) return;
          last = state;
          listener({ type: 'app', state });
        }),
        native.onMute((e) => listener({ ...e, type: 'mute' } as PortEvent)),
        native.onHold((e) => listener({ ...e, type: 'hold' } as PortEvent)),
        native.onCallKitEnded((e) =>
          listener({ callId: e.callId, reason: e.reason as CallKitEndReason, type: 'callkit.ended' }),
        ),
        native.onAudioSessionActivated(() => listener({ type: 'audio.activated' })),
        native.onAudioSessionDeactivated(() => listener({ type: 'audio.deactivated' })),
      ];
      return () => {
        for (const subscription of subscriptions) subscription.remove();
      };
    },
  };
}

/** keepcall on iOS: the iOS kit and CallKit's half of the port. */
export const iosPlatform: NativePlatform = { kit: iosKit, connect };
