// The port contract: the keeper (what the engine wants the device to hold, and what it holds), the
// commands that move one to the other, the events the device reports, and the Port that carries them.
import type { KeepCallErrorCode } from '../errors';
import type { AndroidKeeper, FgsType, NotificationSpec } from './android';
import type {
  CallKitAudio,
  CallKitCall,
  CallKitCapabilities,
  CallKitEndReason,
  CallKitHandle,
  CallKitProvider,
} from './callkit';
import type { AppState, Permission, Permissions } from './platform';
import type { MediaSessionSpec, WebKeeper, WebNotificationSpec } from './web';

/** What the keeper looks like; desired and actual share this shape so reconcile is a diff. */
export interface Keeper {
  android?: AndroidKeeper | null;
  ios?: Record<string, CallKitCall>;
  /** The settings CallKit's provider is configured with (iOS); none before the first `callkit.configure`. */
  iosProvider?: CallKitProvider;
  web?: WebKeeper;
}

/** One step the port must take. Every field is computed in TypeScript. */
export type Command =
  | {
      kind: 'service.start' | 'service.update';
      notification: NotificationSpec;
      types: FgsType[];
      /** A1: what a first promotion the platform refuses falls back to, in order (android/fallbacks.ts). */
      fallbacks: FgsType[][];
    }
  | { kind: 'service.stop' }
  /** CallKit's provider settings (`CXProviderConfiguration`), sent before a call starts, never while one is live. */
  | { kind: 'callkit.configure'; provider: CallKitProvider }
  | {
      kind: 'callkit.start';
      callId: string;
      uuid: string;
      hasVideo: boolean;
      displayName?: string;
      handle: CallKitHandle;
      audio: CallKitAudio;
      capabilities: CallKitCapabilities;
    }
  | {
      kind: 'callkit.connecting' | 'callkit.connected';
      callId: string;
      uuid: string;
      hasVideo: boolean;
      displayName?: string;
    }
  /** What CallKit shows of a live call changed (video turned on or off, the name arrived): `reportCall(with:updated:)`. */
  | {
      kind: 'callkit.update';
      callId: string;
      uuid: string;
      hasVideo: boolean;
      displayName?: string;
      handle: CallKitHandle;
    }
  | { kind: 'callkit.end'; callId: string; uuid: string; reason: CallKitEndReason }
  | { kind: 'callkit.mute'; callId: string; uuid: string; muted: boolean }
  | { kind: 'callkit.hold'; callId: string; uuid: string; held: boolean }
  | { kind: 'web.session'; session: MediaSessionSpec | null }
  | { kind: 'web.notification'; notification: WebNotificationSpec | null }
  | { kind: 'web.wakeLock'; held: boolean }
  | { kind: 'web.unloadGuard'; armed: boolean };

/** The name of a command (`service.start`, `callkit.end`, …). */
export type CommandKind = Command['kind'];

/** Where a user acted on the call outside the app's own UI. */
export type ActionSource = 'notification' | 'callkit' | 'mediaSession' | 'app';

/** What the device reports, including changes keepcall did not cause. */
export type PortEvent =
  | { type: 'app'; state: AppState }
  | { type: 'permission'; name: keyof Permissions; value: Permission }
  | { type: 'hangup'; callId: string; source: ActionSource }
  | { type: 'mute'; callId: string; muted: boolean; source: ActionSource }
  | { type: 'camera'; callId: string; enabled: boolean; source: ActionSource }
  | { type: 'hold'; callId: string; held: boolean; source: ActionSource }
  | { type: 'service.started'; types: FgsType[] }
  | { type: 'service.narrowed'; types: FgsType[]; reason: string }
  | { type: 'service.failed'; code: KeepCallErrorCode; message: string }
  | { type: 'service.timeout' }
  | { type: 'service.stopped' }
  | { type: 'task.removed' }
  | { type: 'callkit.ended'; callId: string; reason: CallKitEndReason }
  | { type: 'audio.activated' }
  | { type: 'audio.deactivated' }
  | { type: 'notification.dismissed' }
  /** The user tapped the notification (Android: it opened `tap`; web: the body or Return to call). */
  | { type: 'tap'; callId: string }
  /** The user pressed one of the app's own notification buttons. */
  | { type: 'action'; callId: string; id: string }
  /** A feature the platform lacks that a command could do without (one Media Session action, PiP). */
  | { type: 'unsupported'; feature: string; message: string };

/**
 * The impure edge: the native module, the web port, or a platform model. A port that numbers what
 * happens on the device (`seq`, increasing in the device's order; the React Native binding numbers in
 * arrival order, which native code keeps) lets the engine apply a report that happened before a
 * command's effect before that effect, however late it was delivered; without numbers, reports that
 * arrive while a command runs are applied after its result.
 */
export interface Port {
  /**
   * Runs one command; rejects with a KeepCallError whose code names the platform failure. May resolve
   * with the `seq` at which the command took effect.
   */
  run(command: Command): Promise<unknown>;
  /**
   * What the device holds now. Reports delivered while it is awaited are applied again over it, so each
   * report must state a result (stopped, these types, held), not a change.
   */
  snapshot(): Promise<Keeper>;
  /** Reports device events, each with its `seq` when the port numbers them; returns an unsubscribe function. */
  subscribe(listener: (event: PortEvent, seq?: number) => void): () => void;
}
