// The iOS model's inputs, controls and observations.
import type { AppState, CallKitCall, Command, PlatformInfo, Port } from '../../core/types';
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

/** Where the call's WebRTC audio stands (I4). */
export type CallAudio = 'none' | 'callkit' | 'own-session' | 'replaced';

export interface IosObservation {
  /** Running (not suspended) per I1–I3; 'unknown' where the platform may suspend a held call. */
  processAlive: boolean | 'unknown';
  crashed: null | { exception: string; rule: string };
  audioSessionActive: boolean;
  /** Whether the user hears and is heard: false when WebRTC's own session was replaced (I4). */
  callAudio: boolean;
  calls: Record<string, CallKitCall>;
}

/** The iOS model: a Port plus test controls and observations. */
export interface IosDevice extends Port {
  /** Runs a CallKit command; resolves with its place in the device's order. */
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
  /** The system holds or unholds the call, e.g. an incoming cellular call (I9). */
  systemHold(callId: string, held: boolean): void;
  /** The call's WebRTC starts or stops its audio (for I4: before or after CallKit activated the session). */
  startMedia(): void;
  stopMedia(): void;
  /** A VoIP push arrives; `report` says whether the handler reports it to CallKit in time (I7). */
  deliverVoipPush(report: boolean, callId?: string): void;
  reloadJs(): void;
  advance(ms: number): void;
  raceBeforeNextCommand(fn: () => void): void;
}
