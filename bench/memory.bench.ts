// Heap growth per call over 10,000 join/leave cycles through the runtime (target: no growth beyond
// noise). Measured in a child process started with --expose-gc so collections can be forced: the
// slope of eleven readings, so one collection that happens to leave more or less behind does not
// decide it. Forgetting one ended call's entry costs about 95 B per call; the noise is a few bytes.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const CYCLES = 10_000;
/** Above the noise (readings swing by up to ~16 B/call) and well below one map entry kept per call (~95 B). */
const NOISE_BYTES_PER_CALL = 32;

interface Measured {
  bytesPerCycle: number;
  ended: number;
  uuids: number;
  keeperGone: boolean;
}

/** Heap growth per call over 10,000 join/leave cycles, Android and iOS, and the control. */
export default async function memoryBench(): Promise<BenchRow[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'memory-child.ts'), String(CYCLES)],
    { cwd: resolve(here, '..'), maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<
    'android' | 'ios' | 'control',
    Measured
  >;
  const rows = (['android', 'ios'] as const).map((os) => {
    const m = result[os];
    const kept = [
      `memory.ended ${m.ended}`,
      os === 'ios' ? `memory.uuids ${m.uuids}` : '',
      m.keeperGone ? '' : 'KEEPER LEFT RUNNING',
    ]
      .filter(Boolean)
      .join(', ');
    return {
      name: `heap growth per call over ${CYCLES.toLocaleString('en')} join/leave cycles, ${os === 'android' ? 'Android' : 'iOS'} (${kept})`,
      value: Math.round(m.bytesPerCycle * 10) / 10,
      unit: 'B/call',
      target: `≤ ${NOISE_BYTES_PER_CALL} B/call (noise)`,
    };
  });
  rows.push({
    name: `control: the same call id joined and left ${CYCLES.toLocaleString('en')} times, Android (noise floor)`,
    value: Math.round(result.control.bytesPerCycle * 10) / 10,
    unit: 'B/call',
    target: `≤ ${NOISE_BYTES_PER_CALL} B/call (noise)`,
  });
  return rows;
}
