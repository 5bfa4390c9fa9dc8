// What the engine benches share: a port that obeys at once in memory, a call the bench drives,
// and a runtime over both on a virtual clock (no timers, no I/O: only the engine is measured).
import { apply } from '../src/core/all-kits';
import type { CallLike, CallSignal, Keeper, PlatformInfo, Port } from '../src/core/types';
import { createRuntime, type Runtime } from '../src/core/universal';
import { createVirtualClock, type VirtualClock } from '../src/testing/clock';

/** A port that does what it is told, synchronously, and counts commands. */
export function memoryPort(initial: Keeper): Port & { commands: number } {
  let state = initial;
  const port = {
    commands: 0,
    run: (command: Parameters<Port['run']>[0]) => {
      port.commands += 1;
      state = apply(state, command);
      return Promise.resolve();
    },
    snapshot: () => Promise.resolve(state),
    subscribe: () => () => {},
  };
  return port;
}

/** A call whose signals the bench sends. */
export function benchCall(id: string): CallLike & { emit(signal: CallSignal): void } {
  let listener: ((signal: CallSignal) => void) | undefined;
  return {
    id,
    subscribe: (next) => {
      listener = next;
      return () => {
        listener = undefined;
      };
    },
    hangup: () => Promise.resolve(),
    setMuted: () => Promise.resolve(),
    emit: (signal) => listener?.(signal),
  };
}

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
): Promise<{ runtime: Runtime; port: ReturnType<typeof memoryPort>; clock: VirtualClock }> {
  const clock = createVirtualClock();
  const port = memoryPort(platform.os === 'android' ? { android: null } : { ios: {} });
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
