// The iOS model: executes keepcall's CallKit commands as CallKit would and enforces I1–I10.
import { KeepCallError } from '../../core/errors';
import { type IdRecord, idRecord } from '../../core/records';
import type { AppState, CallKitCall, Command, Keeper, PlatformInfo, PortEvent } from '../../core/types';
import { createVirtualClock } from '../clock';
import { appendBounded, createEventHub, type RuleLogEntry } from '../emitter';
import { createCommandRunner } from '../execute';
import { APP_STATES, checkBoolean, checkKnownKeys, checkListOf, checkOneOf } from '../validate';
import type { CallAudio, IosCall, IosDevice, IosDeviceOptions, IosObservation } from './types';

/** I1: how long a backgrounded app keeps running before it is suspended. */
export const SUSPEND_AFTER_MS = 5000;

/** Creates a model iOS device that is a keepcall Port. */
export function createIosDevice(options: IosDeviceOptions = {}): IosDevice {
  checkKnownKeys(options, ['backgroundModes', 'callKitAvailable', 'app', 'clock']);
  const modes = new Set(
    checkListOf('backgroundModes', options.backgroundModes ?? [], ['audio', 'voip'] as const),
  );
  const callKitAvailable = checkBoolean('callKitAvailable', options.callKitAvailable ?? true);
  let app: AppState = checkOneOf('app', options.app ?? 'active', APP_STATES);
  const clock = options.clock ?? createVirtualClock();
  const hub = createEventHub();
  const log: RuleLogEntry[] = [];
  /** Keyed by UUID: CallKit names calls by UUID (I8); the map lives in native code and survives reloads. */
  const calls = new Map<string, IosCall>();
  let sessionActive = false;
  let media: CallAudio = 'none';
  let backgroundSince = app === 'active' || app === 'inactive' || app === 'pip' ? null : clock.now();
  let crashed: { exception: string; rule: string } | null = null;
  let pushes = 0;
  const commands = createCommandRunner(() => crashed !== null, hub.stamp);

  const note = (rule: string, what: string) => appendBounded(log, { rule, what, at: clock.now() });
  const emit = (event: PortEvent) => {
    if (crashed === null) hub.emit(event);
  };

  /** CallKit activates the session while some call is not held, and deactivates it otherwise (I4, I9). */
  function syncAudioSession() {
    const wanted = [...calls.values()].some((call) => !call.held);
    if (wanted === sessionActive) return;
    sessionActive = wanted;
    if (wanted) {
      note('I4', 'CallKit activated the audio session (provider didActivate)');
      if (media === 'own-session') {
        note('I4', "WebRTC's own audio session was replaced by CallKit's: the call has no audio");
        media = 'replaced';
      }
      emit({ type: 'audio.activated' });
    } else {
      note('I4', 'CallKit deactivated the audio session');
      emit({ type: 'audio.deactivated' });
    }
  }

  function find(uuid: string, kind: string): IosCall {
    const call = calls.get(uuid);
    if (call === undefined) {
      note('I8', `${kind} on unknown UUID ${uuid}: the transaction fails`);
      throw new KeepCallError('callkit-transaction-failed', `unknownCallUUID: ${kind} for ${uuid}`, {
        cause: { reason: 'unknownCallUUID' },
      });
    }
    return call;
  }

  function byCallId(callId: string, control: string): IosCall {
    for (const call of calls.values()) if (call.callId === callId) return call;
    throw new Error(`${control}: no CallKit call for ${callId}`);
  }

  function execute(command: Command) {
    if (!command.kind.startsWith('callkit.')) {
      throw new KeepCallError('unsupported', `${command.kind} is not available on iOS`);
    }
    if (!callKitAvailable) {
      note('I10', `${command.kind}: CallKit is not available (China storefront)`);
      throw new KeepCallError(
        'unsupported',
        `${command.kind}: CallKit is not available on this device (I10)`,
      );
    }
    switch (command.kind) {
      case 'callkit.start': {
        if (calls.has(command.uuid)) {
          throw new KeepCallError('callkit-transaction-failed', `callUUIDAlreadyExists: ${command.uuid}`, {
            cause: { reason: 'callUUIDAlreadyExists' },
          });
        }
        note('I5', `CXStartCallAction for ${command.callId}`);
        calls.set(command.uuid, {
          callId: command.callId,
          uuid: command.uuid,
          phase: 'connecting',
          muted: false,
          held: false,
          hasVideo: command.hasVideo,
          ...(command.displayName === undefined ? {} : { displayName: command.displayName }),
        });
        syncAudioSession();
        return;
      }
      case 'callkit.connecting':
      case 'callkit.connected': {
        const call = find(command.uuid, command.kind);
        note(
          'I5',
          `reportOutgoingCall(${command.kind === 'callkit.connected' ? 'connectedAt' : 'startedConnectingAt'})`,
        );
        call.phase = command.kind === 'callkit.connected' ? 'connected' : 'connecting';
        call.hasVideo = command.hasVideo;
        if (command.displayName !== undefined) call.displayName = command.displayName;
        return;
      }
      case 'callkit.end': {
        find(command.uuid, command.kind);
        note('I5', command.reason === 'local' ? 'CXEndCallAction' : `reportCall(endedAt, ${command.reason})`);
        calls.delete(command.uuid);
        syncAudioSession();
        return;
      }
      case 'callkit.mute':
        find(command.uuid, command.kind).muted = command.muted;
        return;
      case 'callkit.hold':
        find(command.uuid, command.kind).held = command.held;
        syncAudioSession();
        return;
    }
  }

  function keptRunning(): boolean | 'unknown' {
    if (crashed !== null) return false;
    if (backgroundSince === null) return true;
    // I2/I3: the audio mode keeps the app running while its audio session is active.
    if (modes.has('audio') && (sessionActive || media === 'own-session')) return true;
    // I3: a held call's app may be suspended.
    if ([...calls.values()].some((call) => call.held)) return 'unknown';
    // I1: otherwise it is suspended within seconds.
    return clock.now() - backgroundSince < SUSPEND_AFTER_MS;
  }

  // Keyed by the app's call ids, which may name Object.prototype members: a record without a prototype.
  function snapshotCalls(): IdRecord<CallKitCall> {
    return idRecord([...calls.values()].map(({ callId, ...call }) => [callId, { ...call }] as const));
  }

  return {
    clock,
    log,
    run: (command) => commands.run(command.kind, () => execute(command)),
    snapshot: (): Promise<Keeper> => Promise.resolve({ ios: snapshotCalls() }),
    subscribe: (listener) => hub.subscribe(listener),
    platformInfo(): PlatformInfo {
      return { os: 'ios', declared: [...modes] };
    },
    appState: () => app,
    observe(): IosObservation {
      const processAlive = keptRunning();
      const running = processAlive !== false;
      const callAudio =
        crashed === null &&
        ((media === 'callkit' && sessionActive) || (media === 'own-session' && running && calls.size === 0));
      return { processAlive, crashed, audioSessionActive: sessionActive, callAudio, calls: snapshotCalls() };
    },
    setApp(state) {
      app = checkOneOf('app', state, APP_STATES);
      const visible = app === 'active' || app === 'inactive' || app === 'pip';
      if (visible) backgroundSince = null;
      else backgroundSince ??= clock.now();
      if (!visible && keptRunning() !== true)
        note('I1', 'in the background with nothing keeping the app running');
      emit({ type: 'app', state: app });
    },
    systemEnd(callId) {
      const call = byCallId(callId, 'systemEnd');
      note('I6', `the system ended ${callId} (CXEndCallAction fulfilled)`);
      calls.delete(call.uuid);
      emit({ type: 'callkit.ended', callId, reason: 'local' });
      syncAudioSession();
    },
    systemMute(callId, muted) {
      const call = byCallId(callId, 'systemMute');
      note('I6', `the system set muted=${muted} on ${callId}`);
      call.muted = muted;
      emit({ type: 'mute', callId, muted, source: 'callkit' });
    },
    systemHold(callId, held) {
      const call = byCallId(callId, 'systemHold');
      note('I9', `the system set held=${held} on ${callId}`);
      call.held = held;
      emit({ type: 'hold', callId, held, source: 'callkit' });
      syncAudioSession();
    },
    startMedia() {
      // I4: with a CallKit session active WebRTC uses it (keepcall forwards didActivate);
      // otherwise WebRTC activates a session of its own.
      media = sessionActive ? 'callkit' : 'own-session';
      if (media === 'own-session' && callKitAvailable) note('I4', 'WebRTC activated its own audio session');
    },
    stopMedia() {
      media = 'none';
    },
    deliverVoipPush(report, callId = `push-${pushes + 1}`) {
      if (!modes.has('voip')) {
        note('I7', 'no voip background mode: the push is not delivered');
        return;
      }
      pushes += 1;
      if (!report || !callKitAvailable) {
        note('I7', 'a VoIP push was not reported to CallKit');
        crashed = {
          exception: 'Killing app because it never posted an incoming call to the system',
          rule: 'I7',
        };
        calls.clear();
        sessionActive = false;
        hub.clear();
        return;
      }
      note('I7', `the VoIP push was reported to CallKit as ${callId}`);
      const uuid = `00000000-0000-4000-8000-${String(pushes).padStart(12, '0')}`;
      calls.set(uuid, { callId, uuid, phase: 'connecting', muted: false, held: false, hasVideo: false });
    },
    reloadJs() {
      hub.clear();
    },
    advance: (ms) => clock.advance(ms),
    raceBeforeNextCommand: commands.raceBeforeNextCommand,
  };
}
