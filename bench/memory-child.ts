// Run by memory.bench.ts in a child `node --expose-gc`: join/leave cycles through the runtime and
// the heap read after forced collections as they go. V8's own warm-up (compiled code, feedback) retains a
// few hundred KB during the first ~20,000 cycles of a process, so every measured runtime starts
// after a throwaway one has been warmed up.
import type { PlatformInfo } from '../src/core/types';
import { createFakeCall } from '../src/testing';
import { ANDROID, benchRuntime, IOS } from './support';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-child: run with node --expose-gc');

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** A runtime plus a join/leave cycle on it; `freshIds` gives every call its own id, as real calls have. */
async function cycler(platform: PlatformInfo, freshIds: boolean) {
  const { runtime, clock } = await benchRuntime(platform);
  const linger = runtime.getState().model.config.foregroundService.android.stopDebounceMs + 1;
  let serial = 0;
  const cycle = async () => {
    const call = createFakeCall(freshIds ? `call-${++serial}` : 'same-call');
    const untrack = runtime.track(call);
    call.emit({ type: 'joining' });
    call.emit({ type: 'joined', at: clock.now(), media: { audio: true, video: false, muted: false } });
    await runtime.idle();
    call.emit({ type: 'left' });
    clock.advance(linger);
    await runtime.idle();
    untrack();
  };
  return { runtime, cycle };
}

async function warmUp(): Promise<void> {
  for (const [platform, freshIds, cycles] of [
    [ANDROID, false, 20_000],
    [IOS, false, 20_000],
    [ANDROID, true, 2_000],
    [IOS, true, 2_000],
  ] as const) {
    const { runtime, cycle } = await cycler(platform, freshIds);
    for (let i = 0; i < cycles; i++) await cycle();
    runtime.dispose();
  }
}

/** Least-squares slope of `ys` over `xs`: bytes retained per cycle, the trend under the GC's noise. */
function slope(xs: number[], ys: number[]): number {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

// One reading after 100 cycles and then one every tenth of `cycles`: a leak grows with every call,
// while what a forced collection happens to leave behind moves up and down, so the slope of the
// eleven readings tells them apart where a single before/after difference cannot.
async function measure(platform: PlatformInfo, cycles: number, freshIds: boolean) {
  const { runtime, cycle } = await cycler(platform, freshIds);
  for (let i = 0; i < 100; i++) await cycle();
  const step = Math.max(1, Math.floor(cycles / 10));
  const done: number[] = [0];
  const heap: number[] = [await heapAfterGc()];
  for (let reading = 1; reading <= 10; reading++) {
    for (let i = 0; i < step; i++) await cycle();
    done.push(reading * step);
    heap.push(await heapAfterGc());
  }
  const { memory, actual } = runtime.getState();
  const keeperGone = actual.android == null && Object.keys(actual.ios ?? {}).length === 0;
  runtime.dispose();
  return {
    bytesPerCycle: slope(done, heap),
    ended: memory.ended?.size ?? 0,
    uuids: memory.uuids?.size ?? 0,
    keeperGone,
  };
}

const cycles = Number(process.argv[2] ?? 10_000);
await warmUp();
const result = {
  android: await measure(ANDROID, cycles, true),
  ios: await measure(IOS, cycles, true),
  // The control: one call id joined and left again and again. What it retains is the measure's noise.
  control: await measure(ANDROID, cycles, false),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
