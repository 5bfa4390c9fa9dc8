// What the engine benches share: a runtime on a virtual clock over keepcall/testing's memory port, which
// obeys at once (no timers, no I/O: only the engine is measured); the bench drives createFakeCall's calls.
import type { PlatformInfo } from '../src/core/types';
import { createRuntime, type Runtime } from '../src/core/universal';
import { createMemoryPort, type MemoryPort } from '../src/testing';
import { createVirtualClock, type VirtualClock } from '../src/testing/clock';

export const ANDROID: PlatformInfo = {
  os: 'android',
  apiLevel: 34,
  targetSdk: 34,
  declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_MICROPHONE'],
  serviceTypes: ['mediaPlayback', 'microphone'],
};
export const IOS: PlatformInfo = { os: 'ios', declared: [] };

/** A started runtime over a memory port on a virtual clock. */
export async function benchRuntime(
  platform: PlatformInfo,
): Promise<{ runtime: Runtime; port: MemoryPort; clock: VirtualClock }> {
  const clock = createVirtualClock();
  // It counts commands (`runs`) and keeps none: kept ones would outlive the young generation, a cost of the bench's.
  const port = createMemoryPort(platform.os, { keep: 0 });
  let uuid = 0;
  const runtime = createRuntime({
    port,
    platform,
    clock,
    newUuid: () => `uuid-${++uuid}`,
    permissions: { microphone: 'granted', camera: 'granted', notifications: 'granted' },
    ...(platform.os === 'ios' ? { push: { ios: { enableOngoingCalls: true } } } : {}),
  });
  await runtime.start();
  return { runtime, port, clock };
}
