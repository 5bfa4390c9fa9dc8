// What the engine offers an app and takes from it: the runtime's methods, its events and its state.

import type { AndroidMemory } from '../android/memory';
import type { ConfigInput, PushConfig } from '../config';
import type { KeepCallError } from '../errors';
import type { IosMemory } from '../ios/memory';
import type { Model, NotificationOverride } from '../model';
import type { CallLike, Command, Keeper, PortEvent } from '../types';
import type { HeldCommand } from './held';

/** What the platform's kit remembers beyond the model: Android's fields on Android, iOS's on iOS. */
export type KitMemory = Partial<AndroidMemory & IosMemory>;

/** Checks what users pass in, throwing KeepCallError('invalid-config'); see validate.ts. */
export interface ConfigChecks {
  config(input: unknown): ConfigInput;
  push(input: unknown): PushConfig;
}

export interface RuntimeState {
  model: Model;
  actual: Keeper;
  desired: Keeper;
  /** Commands that failed and wait for the next moment the platform allows a retry. */
  held: HeldCommand[];
  /** The kit's memory (a copy). */
  memory: KitMemory;
}

export type RuntimeEvent =
  | { type: 'error'; error: KeepCallError }
  | { type: 'command'; command: Command; error?: KeepCallError }
  | { type: 'change'; state: RuntimeState }
  | { type: 'audio'; active: boolean }
  | { type: 'hold'; callId: string; held: boolean }
  /** The user tapped the notification (it opened the app) or pressed one of the app's own buttons. */
  | Extract<PortEvent, { type: 'tap' | 'action' }>;

export interface Runtime {
  /** Adopts what the device holds and starts listening to it. */
  start(): Promise<void>;
  /** Feeds a call's signals in; returns a function that stops tracking it. */
  track(call: CallLike): () => void;
  /** Feeds an event as if the port had reported it. */
  dispatch(event: PortEvent): void;
  /** Validates and deep-merges a config patch; throws KeepCallError('invalid-config'). */
  updateConfig(input: ConfigInput): void;
  /** Sets the push settings and `createClient`; the first call wins, a second is reported. */
  setPushConfig(config: PushConfig): void;
  /** Replaces parts of the notification, or goes back to the configured one with `null`. */
  setNotificationOverride(override: NotificationOverride | null): void;
  /** Listens to errors, commands, changes, audio-session events, and notification taps and app actions. */
  on(listener: (event: RuntimeEvent) => void): () => void;
  /** The model, what the device holds, and what it should hold. */
  getState(): RuntimeState;
  /** Resolves once no command is in flight and nothing is pending. */
  idle(): Promise<void>;
  /** Stops listening; leaves the device as it is. */
  dispose(): void;
}
