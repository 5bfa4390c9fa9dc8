import { expect } from 'vitest';
// Small test doubles for the engine's own tests: a port that records commands and obeys them, and a call.
import { apply } from '../../src/core/all-kits';
import { KeepCallError } from '../../src/core/errors';
import type {
  CallLike,
  CallSignal,
  Command,
  Keeper,
  Media,
  PlatformInfo,
  Port,
  PortEvent,
} from '../../src/core/types';
import {
  createRuntime,
  type Runtime,
  type RuntimeEvent,
  type RuntimeOptions,
} from '../../src/core/universal';
import { MEDIA_PROFILE_PERMISSIONS } from '../../src/testing';
import { createVirtualClock } from '../../src/testing/clock';

export interface MemoryPort extends Port {
  commands: Command[];
  state: Keeper;
  /** Reports an event, numbered `seq` in the device's order when given. */
  emit(event: PortEvent, seq?: number): void;
  /** Makes the next command of this kind reject with the given error. */
  failNext(kind: Command['kind'], error: Error): void;
}

/** A port that does what it is told and remembers it. */
export function memoryPort(initial: Keeper): MemoryPort {
  const listeners = new Set<(event: PortEvent, seq?: number) => void>();
  const failures = new Map<string, Error>();
  const port: MemoryPort = {
    commands: [],
    state: initial,
    async run(command) {
      port.commands.push(command);
      const failure = failures.get(command.kind);
      if (failure) {
        failures.delete(command.kind);
        throw failure;
      }
      port.state = apply(port.state, command);
    },
    async snapshot() {
      return port.state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, seq) {
      for (const listener of [...listeners]) listener(event, seq);
    },
    failNext(kind, error) {
      failures.set(kind, error);
    },
  };
  return port;
}

export interface TestCall extends CallLike {
  emit(signal: CallSignal): void;
  hangups: number;
  mutes: boolean[];
}

/** A call whose signals the test sends. */
export function testCall(id: string, displayName?: string): TestCall {
  const listeners = new Set<(signal: CallSignal) => void>();
  const call: TestCall = {
    id,
    hangups: 0,
    mutes: [],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async hangup() {
      call.hangups++;
    },
    async setMuted(muted) {
      call.mutes.push(muted);
    },
    emit(signal) {
      for (const listener of [...listeners]) listener(signal);
    },
  };
  if (displayName !== undefined) call.displayName = displayName;
  return call;
}

export const AUDIO: Media = { audio: true, video: false, muted: false };
export const VIDEO: Media = { audio: true, video: true, muted: false };

export const ANDROID_34: PlatformInfo = {
  os: 'android',
  apiLevel: 34,
  targetSdk: 34,
  declared: [...MEDIA_PROFILE_PERMISSIONS],
  serviceTypes: ['mediaPlayback', 'microphone', 'camera', 'phoneCall'],
};

/** A runtime over a memory port on a virtual clock, with every event it emits recorded. */
export async function setup(options: Partial<RuntimeOptions> & { platform?: PlatformInfo } = {}) {
  const platform = options.platform ?? ANDROID_34;
  const clock = createVirtualClock();
  const port = memoryPort(
    platform.os === 'android'
      ? { android: null }
      : platform.os === 'ios'
        ? { ios: {} }
        : { web: { session: null, notification: null, wakeLock: false, unloadGuard: false } },
  );
  let uuid = 0;
  const runtime = createRuntime({
    port,
    clock,
    newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}`,
    permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
    ...options,
    platform,
  });
  const events: RuntimeEvent[] = [];
  runtime.on((event) => events.push(event));
  await runtime.start();
  const errors = () => events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
  return { runtime, port, clock, events, errors };
}

/**
 * A JavaScript reload after `first`: its runtime is gone, a new one starts over the same device state
 * and clock (what a reload leaves behind) with `options`, and adopts what the device holds.
 */
export async function reload(
  first: Awaited<ReturnType<typeof setup>>,
  options: Partial<RuntimeOptions> = {},
): Promise<Runtime> {
  const { platform } = first.runtime.getState().model;
  first.runtime.dispose();
  const runtime = createRuntime({ port: first.port, platform, clock: first.clock, ...options });
  await runtime.start();
  return runtime;
}

/** The KeepCallError('invalid-config') that `fn` throws; fails the test when it throws none. */
export function invalidInput(fn: () => unknown, what: string): KeepCallError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KeepCallError);
    expect((error as KeepCallError).code).toBe('invalid-config');
    return error as KeepCallError;
  }
  throw new Error(`expected ${what} to throw`);
}
