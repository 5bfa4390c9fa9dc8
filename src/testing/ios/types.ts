// The iOS model's inputs, controls and observations.
import type { IdRecord } from '../../core/records';
import type {
  AppState,
  CallKitAudio,
  CallKitCall,
  CallKitCapabilities,
  CallKitHandle,
  CallKitProvider,
  Command,
  PlatformInfo,
  Port,
} from '../../core/types';
import type { VirtualClock } from '../clock';
import type { RuleLogEntry } from '../emitter';

export type IosBackgroundMode = 'audio' | 'voip';

export interface IosDeviceOptions {
  /** UIBackgroundModes; default none. */
  backgroundModes?: IosBackgroundMode[];
  /** false for apps offered in China's App Store (I10); default true. */
  callKitAvailable?: boolean;
  /** Initial app state; default `active`. */
  app?: AppState;
  clock?: VirtualClock;
}

/** A CallKit call with the app's call id. */
export interface IosCall extends CallKitCall {
  callId: string;
}

/** What keepcall told CallKit about a call beyond the keeper: its handle, audio session and CXCallUpdate. */
export interface IosCallReport {
  handle: CallKitHandle;
  audio: CallKitAudio;
  /** Reported once the start succeeded; without `supportsHolding` the system cannot hold the call (I9). */
  capabilities: CallKitCapabilities;
  /**
   * The caller's name last reported (`CXCallUpdate.localizedCallerName`: at the start, when connected, in
   * an update); CallKit keeps it when a later update carries none.
   */
  localizedCallerName?: string;
}

/** What the system's call UI (lock screen, in-call screen) shows of a call. */
export interface IosCallScreen {
  /** The caller: the name last reported, else the handle's value (the call id when the app gave no name). */
  caller: string;
  /** A video call (the last `hasVideo` reported), or an audio call. */
  video: boolean;
}

/**
 * Who starts WebRTC's audio (react-native-webrtc's RTCAudioSession): `webrtc` on its own (automatic audio,
 * activating an audio session itself), or `callkit`: manual audio, enabled only while CallKit's session is
 * active and keepcall forwarded the activation (I4).
 */
export type AudioOwner = 'webrtc' | 'callkit';

export interface IosObservation {
  /** Running (not suspended) per I1–I3; 'unknown' where the platform may suspend a held call. */
  processAlive: boolean | 'unknown';
  crashed: null | { exception: string; rule: string };
  /** CallKit activated the audio session (a call not held). */
  audioSessionActive: boolean;
  audioOwner: AudioOwner;
  /** RTCAudioSession.isAudioEnabled: consulted only in manual audio (`audioOwner: 'callkit'`). */
  rtcAudioEnabled: boolean;
  /**
   * Whether the user hears and is heard: the app runs, WebRTC's media runs, and its audio unit may run
   * on an active session. False in manual audio before CallKit's activation or while held, and when
   * WebRTC's own session was replaced by CallKit's (I4).
   */
  audioPlays: boolean;
  calls: IdRecord<CallKitCall>;
  /** Keyed like `calls`. */
  reports: IdRecord<IosCallReport>;
  /** What the system's call UI shows of each call, keyed like `calls`. */
  screen: IdRecord<IosCallScreen>;
  /** The provider configuration last set (`callkit.configure`, the native `configureCallKit`); null before the first. */
  provider: CallKitProvider | null;
}

/** The iOS model: a Port plus test controls and observations. */
export interface IosDevice extends Port {
  /** Runs a CallKit command (or sets the provider's configuration); resolves with its place in the device's order. */
  run(command: Command): Promise<number>;
  readonly clock: VirtualClock;
  /** The rules the device applied, in order: the latest HISTORY_LIMIT (1000), so long runs stay flat. */
  readonly log: RuleLogEntry[];
  platformInfo(): PlatformInfo;
  /** The app state now, for a runtime's `app` option. */
  appState(): AppState;
  observe(): IosObservation;
  setApp(state: AppState): void;
  /** The user ends the call from the lock screen, car or watch (I6). */
  systemEnd(callId: string): void;
  systemMute(callId: string, muted: boolean): void;
  /**
   * The system holds or unholds the call, e.g. for an incoming cellular call (I9). Throws for a hold of a
   * call not reported with `supportsHolding`: the system then offers only "End & Accept".
   */
  systemHold(callId: string, held: boolean): void;
  /** CallKit reset the provider (`providerDidReset`, e.g. its daemon restarted): every call ended. */
  providerReset(): void;
  /** The call's WebRTC starts or stops its audio (for I4: before or after CallKit activated the session). */
  startMedia(): void;
  stopMedia(): void;
  /** A VoIP push arrives; `report` says whether the handler reports it to CallKit in time (I7). */
  deliverVoipPush(report: boolean, callId?: string): void;
  reloadJs(): void;
  advance(ms: number): void;
  raceBeforeNextCommand(fn: () => void): void;
}
