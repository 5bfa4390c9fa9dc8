// iOS's half of the port: the CallKit methods, the calls CallKit holds, and what CallKit's own UI
// and the audio session report.
import { iosKit } from '../core/ios/kit';
import { idRecord } from '../core/records';
import type { AppState, CallKitCall, CallKitEndReason, Command, PortEvent } from '../core/types';
import type { NativeContext, NativeParts, NativePlatform } from './port';

/** Maps React Native's AppState strings to keepcall's; unknown or missing states count as active. */
function toAppState(state: string | null | undefined): AppState {
  return state === 'background' || state === 'inactive' ? state : 'active';
}

function connect({ native, info, appState, iosConfig }: NativeContext): NativeParts {
  // iOS's native module reports no app state: React Native's AppState is the only source.
  if (!appState) throw new Error("keepcall's iOS binding needs React Native's AppState");
  let configured: string | undefined;

  // CallKit's provider settings go to native before a call starts, whenever they changed.
  async function configure() {
    const config = iosConfig();
    const key = JSON.stringify(config);
    if (key === configured) return;
    await native.configureCallKit({ ...config, iconTemplateImageName: config.iconTemplateImageName ?? null });
    configured = key;
  }

  function request(command: Extract<Command, { hasVideo: boolean }>) {
    const { callId, uuid, hasVideo, displayName } = command;
    return { callId, uuid, hasVideo, displayName: displayName ?? null };
  }

  return {
    platform: { os: 'ios', declared: [...info.declared] },
    app: toAppState(appState.currentState),
    async send(command) {
      switch (command.kind) {
        case 'callkit.start':
          await configure();
          return native.startCallKitCall(request(command));
        case 'callkit.connecting':
          return native.reportCallKitConnecting(request(command));
        case 'callkit.connected':
          return native.reportCallKitConnected(request(command));
        case 'callkit.end':
          return native.endCallKitCall(command.callId, command.uuid, command.reason);
        case 'callkit.mute':
          return native.setCallKitMuted(command.callId, command.uuid, command.muted);
        case 'callkit.hold':
          return native.setCallKitHeld(command.callId, command.uuid, command.held);
        default:
          throw new Error(`${command.kind} is not an iOS command`);
      }
    },
    keeper(snap) {
      // Keyed by the app's call ids, which may name Object.prototype members ("constructor").
      const calls = idRecord<CallKitCall>();
      for (const { callId, displayName, uuid, phase, muted, held, hasVideo } of snap.calls) {
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
