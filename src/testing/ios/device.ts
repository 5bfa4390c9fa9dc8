// The iOS model: executes keepcall's CallKit commands as CallKit would and enforces I1–I10.
import { KeepCallError } from '../../core/errors';
import { type IdRecord, idRecord } from '../../core/records';
import type {
  AppState,
  CallKitAudio,
  CallKitCall,
  CallKitHandle,
  CallKitProvider,
  Command,
  Keeper,
  PlatformInfo,
  PortEvent,
} from '../../core/types';
import { createVirtualClock } from '../clock';
import { appendBounded, createEventHub, type RuleLogEntry } from '../emitter';
import { createCommandRunner } from '../execute';
import { APP_STATES, checkBoolean, checkKnownKeys, checkListOf, checkOneOf } from '../validate';
import type {
  AudioOwner,
  IosCall,
  IosCallReport,
  IosDevice,
  IosDeviceOptions,
  IosObservation,
} from './types';

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
  /** Keyed by UUID, like `calls`. */
  const reports = new Map<string, IosCallReport>();
  let provider: CallKitProvider | null = null;
  let sessionActive = false;
  // react-native-webrtc's RTCAudioSession: `useManualAudio` (owner 'callkit') and `isAudioEnabled`, which
  // only manual audio consults; WebRTC's media, and whether it activated a session of its own (automatic
  // audio), which CallKit's activation then replaces (I4).
  let owner: AudioOwner = 'webrtc';
  let rtcAudioEnabled = false;
  let mediaRunning = false;
  let ownSession = false;
  let replaced = false;
  let backgroundSince = app === 'active' || app === 'inactive' || app === 'pip' ? null : clock.now();
  let crashed: { exception: string; rule: string } | null = null;
  let pushes = 0;
  const commands = createCommandRunner(() => crashed !== null, hub.stamp);

  const note = (rule: string, what: string) => appendBounded(log, { rule, what, at: clock.now() });
  const emit = (event: PortEvent) => {
    if (crashed === null) hub.emit(event);
  };

  /**
   * CallKit activates the session while some call is not held, and deactivates it otherwise (I4, I9);
   * keepcall's module forwards each to WebRTC (audioSessionDidActivate, isAudioEnabled) and to JavaScript.
   */
  function syncAudioSession() {
    const wanted = [...calls.values()].some((call) => !call.held);
    if (wanted !== sessionActive) {
      sessionActive = wanted;
      if (wanted) {
        note('I4', 'CallKit activated the audio session (provider didActivate)');
        if (mediaRunning && ownSession) {
          note('I4', "WebRTC's own audio session was replaced by CallKit's: the call has no audio");
          replaced = true;
        }
        if (owner === 'callkit') rtcAudioEnabled = true;
        emit({ type: 'audio.activated' });
      } else {
        note('I4', 'CallKit deactivated the audio session');
        rtcAudioEnabled = false;
        emit({ type: 'audio.deactivated' });
      }
    }
    releaseAudioIfIdle();
  }

  /** CallKit performs a start: its audio session is configured, and WebRTC waits for its activation (I4). */
  function takeAudio(audio: CallKitAudio) {
    note(
      'I4',
      `audio session ${audio.category}/${audio.mode}${audio.allowBluetooth ? ', Bluetooth HFP' : ''}`,
    );
    if (owner === 'callkit') return;
    owner = 'callkit';
    rtcAudioEnabled = false;
    note('I4', "WebRTC's audio is manual until CallKit activates the session");
  }

  /** No CallKit call is left (ended, failed, reset): WebRTC starts its audio on its own again. */
  function releaseAudioIfIdle() {
    if (owner === 'webrtc' || calls.size > 0) return;
    owner = 'webrtc';
    note('I4', "no CallKit call is left: WebRTC's own audio is back");
    if (mediaRunning && !sessionActive) ownSession = true;
  }

  function forget(uuid: string) {
    calls.delete(uuid);
    reports.delete(uuid);
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

  /**
   * A CXCallUpdate reported on a live call (connected, updated): the native module remembers video and
   * the name as sent (its snapshot says them); CallKit takes the handle and the name only when the update
   * carries them, and keeps what it leaves unset, so a name once shown stays.
   */
  function report(
    call: IosCall,
    update: { hasVideo: boolean; displayName?: string; handle?: CallKitHandle },
  ) {
    call.hasVideo = update.hasVideo;
    if (update.displayName === undefined) delete call.displayName;
    else call.displayName = update.displayName;
    const current = reports.get(call.uuid);
    if (current === undefined) return;
    reports.set(call.uuid, {
      ...current,
      ...(update.handle && { handle: update.handle }),
      ...(update.displayName !== undefined && { localizedCallerName: update.displayName }),
    });
  }

  function byCallId(callId: string, control: string): IosCall {
    for (const call of calls.values()) if (call.callId === callId) return call;
    throw new Error(`${control}: no CallKit call for ${callId}`);
  }

  function execute(command: Command) {
    if (!command.kind.startsWith('callkit.')) {
      throw new KeepCallError('unsupported', `${command.kind} is not available on iOS`);
    }
    // The provider's configuration is the app's own: no transaction, so it is set even where CallKit
    // refuses calls (I10), and it leaves the audio session alone.
    if (command.kind === 'callkit.configure') {
      if (calls.size > 0) note('I4', 'the provider was reconfigured while CallKit holds a call');
      provider = { ...command.provider };
      return;
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
        note('I5', `CXStartCallAction for ${command.callId} (handle ${command.handle.type})`);
        takeAudio(command.audio);
        const { handle, audio, capabilities, displayName } = command;
        reports.set(command.uuid, {
          handle,
          audio,
          capabilities: { ...capabilities },
          ...(displayName === undefined ? {} : { localizedCallerName: displayName }),
        });
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
        if (command.kind === 'callkit.connecting') {
          call.phase = 'connecting';
          call.hasVideo = command.hasVideo;
          if (command.displayName !== undefined) call.displayName = command.displayName;
          return;
        }
        call.phase = 'connected';
        report(call, command);
        return;
      }
      case 'callkit.update':
        note('I5', `reportCall(updated: ${command.hasVideo ? 'video' : 'audio'}, ${command.handle.value})`);
        report(find(command.uuid, command.kind), command);
        return;
      case 'callkit.end': {
        find(command.uuid, command.kind);
        note('I5', command.reason === 'local' ? 'CXEndCallAction' : `reportCall(endedAt, ${command.reason})`);
        forget(command.uuid);
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
    if (modes.has('audio') && (sessionActive || (mediaRunning && ownSession && !replaced))) return true;
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
    snapshot: (): Promise<Keeper> =>
      Promise.resolve({ ios: snapshotCalls(), ...(provider && { iosProvider: { ...provider } }) }),
    subscribe: (listener) => hub.subscribe(listener),
    platformInfo(): PlatformInfo {
      return { os: 'ios', declared: [...modes] };
    },
    appState: () => app,
    observe(): IosObservation {
      const processAlive = keptRunning();
      const unitMayRun = owner === 'webrtc' ? ownSession || sessionActive : rtcAudioEnabled && sessionActive;
      const audioPlays =
        processAlive !== false && crashed === null && mediaRunning && !replaced && unitMayRun;
      const live = [...reports].flatMap(([uuid, report]) => {
        const call = calls.get(uuid);
        return call ? [{ call, report }] : [];
      });
      const reported = idRecord(live.map(({ call, report }) => [call.callId, report] as const));
      const screen = idRecord(
        live.map(({ call, report }) => {
          const caller = report.localizedCallerName ?? report.handle.value;
          return [call.callId, { caller, video: call.hasVideo }] as const;
        }),
      );
      return {
        processAlive,
        crashed,
        audioSessionActive: sessionActive,
        audioOwner: owner,
        rtcAudioEnabled,
        audioPlays,
        calls: snapshotCalls(),
        reports: reported,
        screen,
        provider,
      };
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
      forget(call.uuid);
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
      if (held && reports.get(call.uuid)?.capabilities.supportsHolding !== true) {
        throw new Error(
          `systemHold: ${callId} was not reported with supportsHolding: for an incoming cellular call the system offers only "End & Accept", never hold (I9)`,
        );
      }
      note('I9', `the system set held=${held} on ${callId}`);
      call.held = held;
      emit({ type: 'hold', callId, held, source: 'callkit' });
      syncAudioSession();
    },
    providerReset() {
      note('I6', 'CallKit reset the provider (providerDidReset): every call ended');
      const ended = [...calls.values()];
      calls.clear();
      reports.clear();
      for (const call of ended) emit({ type: 'callkit.ended', callId: call.callId, reason: 'failed' });
      syncAudioSession();
    },
    startMedia() {
      mediaRunning = true;
      replaced = false;
      // I4: manual audio waits for CallKit's activation (keepcall forwards it); automatic audio uses an
      // active session, or activates one of its own.
      if (owner === 'webrtc' && !sessionActive) {
        ownSession = true;
        if (callKitAvailable) note('I4', 'WebRTC activated its own audio session');
      }
    },
    stopMedia() {
      mediaRunning = false;
      ownSession = false;
      replaced = false;
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
        reports.clear();
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
