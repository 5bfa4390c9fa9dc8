// Two ways to drive a model device through a call: keepcall's runtime, and a naive driver that
// does what the field's common code does (start on join whatever the app state, every type,
// stop on leave at once, CallKit reported only once joined).

import type { KeepCallError } from '../../src/core/errors';
import type { Command, PortEvent } from '../../src/core/types';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/core/universal';
import type {
  AndroidDevice,
  AndroidFgsType,
  AndroidNotification,
  FakeCall,
  IosDevice,
} from '../../src/testing';
import { callKitStart, callNotification } from './helpers';

export interface Driven {
  runtime: Runtime;
  errors: KeepCallError[];
  /** Commands the device refused. */
  refused: { command: Command; code: string }[];
  /** Advances the shared clock, then waits for the runtime to settle. */
  settle(ms?: number): Promise<void>;
}

/** Puts keepcall's runtime in charge of the device. */
export async function withKeepcall(
  device: AndroidDevice | IosDevice,
  extra: Partial<RuntimeOptions> = {},
): Promise<Driven> {
  let uuids = 0;
  const runtime = createRuntime({
    port: device,
    platform: device.platformInfo(),
    clock: device.clock,
    app: device.appState(),
    newUuid: () => `00000000-0000-4000-8000-${String(++uuids).padStart(12, '0')}`,
    ...('permissions' in device ? { permissions: device.permissions() } : {}),
    ...extra,
  });
  const errors: KeepCallError[] = [];
  const refused: Driven['refused'] = [];
  runtime.on((event) => {
    if (event.type === 'error') errors.push(event.error);
    if (event.type === 'command' && event.error)
      refused.push({ command: event.command, code: event.error.code });
  });
  await runtime.start();
  return {
    runtime,
    errors,
    refused,
    async settle(ms = 0) {
      if (ms > 0) device.advance(ms);
      await runtime.idle();
      // Events a settled runtime caused (a hangup's `left`) may schedule one more round.
      await runtime.idle();
    },
  };
}

export interface NaiveAndroidOptions {
  types?: AndroidFgsType[];
  notification?: AndroidNotification;
  /** Stop the service when the activity is destroyed, as seed 004's onDestroy does. */
  stopOnDestroy?: boolean;
  /** Add the camera type when the call turns video on, whatever the app state (a re-promotion, A6). */
  widenOnVideo?: boolean;
}

/** The naive Android driver: a listener per call that starts and stops the service directly. */
export function naiveAndroid(device: AndroidDevice, call: FakeCall, options: NaiveAndroidOptions = {}) {
  const refused: string[] = [];
  const run = (command: Parameters<AndroidDevice['run']>[0]) =>
    device.run(command).catch((error: KeepCallError) => {
      refused.push(error.code);
    });
  const types = options.types ?? ['mediaPlayback', 'microphone', 'camera'];
  call.subscribe((signal) => {
    if (signal.type === 'joined') {
      void run({
        kind: 'service.start',
        notification: options.notification ?? callNotification(call.id),
        types,
      });
    }
    if (signal.type === 'left' || signal.type === 'closed') void run({ kind: 'service.stop' });
    if (signal.type === 'media' && signal.media.video && options.widenOnVideo) {
      void run({
        kind: 'service.update',
        notification: options.notification ?? callNotification(call.id),
        types: [...new Set([...types, 'camera' as const])],
      });
    }
  });
  device.subscribe((event: PortEvent) => {
    if (event.type === 'hangup') void call.hangup();
    if (event.type === 'app' && event.state === 'destroyed' && options.stopOnDestroy) {
      void run({ kind: 'service.stop' });
    }
  });
  return { refused };
}

/** The naive iOS driver: reports the call to CallKit once joined, ends it on leave, ignores the system UI. */
export function naiveIos(device: IosDevice, call: FakeCall) {
  const refused: string[] = [];
  const uuid = '00000000-0000-4000-8000-00000000beef';
  const run = (command: Command) =>
    device.run(command).catch((error: KeepCallError) => {
      refused.push(error.message);
    });
  call.subscribe((signal) => {
    if (signal.type === 'joined') {
      void run(callKitStart(call.id, uuid, { hasVideo: signal.media.video }));
      void run({ kind: 'callkit.connected', callId: call.id, uuid, hasVideo: signal.media.video });
    }
    if (signal.type === 'left') void run({ kind: 'callkit.end', callId: call.id, uuid, reason: 'local' });
  });
  return { refused };
}

/** Lets pending promise callbacks run (the naive drivers do not wait for anything). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
