// iOS's half of the port: the CallKit methods, the calls CallKit holds, and what CallKit's own UI
// and the audio session report.
import { messageOf } from '../core/errors';
import { callKitRefusal, isCallKitTransactionError } from '../core/ios/errors';
import { iosKit } from '../core/ios/kit';
import { callKitProvider } from '../core/ios/policy';
import { idRecord } from '../core/records';
import type {
  AppState,
  CallKitCall,
  CallKitEndReason,
  CallKitHandle,
  Command,
  PortEvent,
} from '../core/types';
import type { NativeContext, NativeParts, NativePlatform } from './port';

/** Maps React Native's AppState strings to keepcall's; unknown or missing states count as active. */
function toAppState(state: string | null | undefined): AppState {
  return state === 'background' || state === 'inactive' ? state : 'active';
}

function connect({ native, info, appState, iosConfig }: NativeContext): NativeParts {
  // iOS's native module reports no app state: React Native's AppState is the only source.
  if (!appState) throw new Error("keepcall's iOS binding needs React Native's AppState");
  let configured: string | undefined;
  // The CallKit calls the device holds, as far as this binding knows (its snapshot, its commands, CallKit's
  // reports). A provider is reconfigured only while there is none: a live call keeps what it started with,
  // also after a JavaScript reload, when `configured` starts empty again.
  const live = new Set<string>();

  // CallKit's provider settings go to native before a call starts, whenever they changed.
  async function configure() {
    const provider = callKitProvider(iosConfig());
    const key = JSON.stringify(provider);
    if (key === configured || live.size > 0) return;
    await native.configureCallKit({
      ...provider,
      iconTemplateImageName: provider.iconTemplateImageName ?? null,
    });
    configured = key;
  }

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

  async function run(command: Command): Promise<void> {
    switch (command.kind) {
      case 'callkit.start':
        await configure();
        await start(command);
        live.add(command.callId);
        return;
      case 'callkit.connecting':
        return native.reportCallKitConnecting(request(command));
      case 'callkit.connected':
        return native.reportCallKitConnected(request(command));
      case 'callkit.update':
        return native.updateCallKitCall(named(command));
      case 'callkit.end':
        // Gone whether CallKit ended it now or had already (a failure names why; none keeps it live).
        live.delete(command.callId);
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
      // Keyed by the app's call ids, which may name Object.prototype members ("constructor").
      const calls = idRecord<CallKitCall>();
      live.clear();
      for (const { callId, displayName, uuid, phase, muted, held, hasVideo } of snap.calls) {
        live.add(callId);
        // `phase`, like the events' `source` and `reason` below, holds only the values the spec's doc
        // comments list (test/native checks the Swift): asserting keepcall's types costs nothing at run time.
        calls[callId] = {
          uuid,
          phase: phase as CallKitCall['phase'],
          muted,
          held,
          hasVideo,
          ...(displayName ? { displayName } : {}),
        };
      }
      return { ios: calls };
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
        native.onCallKitEnded((e) => {
          live.delete(e.callId);
          listener({ callId: e.callId, reason: e.reason as CallKitEndReason, type: 'callkit.ended' });
        }),
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
