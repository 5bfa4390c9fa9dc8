// Set-up for the engine's own tests: a runtime over keepcall/testing's memory port, and calls the test drives.
import { expect } from 'vitest';
import { KeepCallError } from '../../src/core/errors';
import type { Media, PlatformInfo } from '../../src/core/types';
import {
  createRuntime,
  type Runtime,
  type RuntimeEvent,
  type RuntimeOptions,
} from '../../src/core/universal';
import {
  createFakeCall,
  createMemoryPort,
  type FakeCall,
  MEDIA_PROFILE_PERMISSIONS,
} from '../../src/testing';
import { createVirtualClock } from '../../src/testing/clock';

/** A call whose signals the test sends; hangup() and setMuted() are only counted, never answered. */
export function testCall(id: string, displayName?: string): FakeCall {
  return createFakeCall(id, { displayName, leaveOnHangup: false, echoMute: false });
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
  const port = createMemoryPort(platform.os);
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
