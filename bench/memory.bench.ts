// Memory retained after 10,000 join/leave cycles through the runtime (target: no growth beyond
// noise). Measured in a child process started with --expose-gc so collections can be forced.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const CYCLES = 10_000;
/** What a forced GC leaves as noise between two measurements of an unchanged heap. */
const NOISE_KB = 256;

interface Measured {
  retainedBytes: number;
  ended: number;
  uuids: number;
  keeperGone: boolean;
}

/** Retained heap after 10,000 join/leave cycles, Android and iOS. */
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
      `model.ended ${m.ended}`,
      os === 'ios' ? `model.uuids ${m.uuids}` : '',
      m.keeperGone ? '' : 'KEEPER LEFT RUNNING',
    ]
      .filter(Boolean)
      .join(', ');
    return {
      name: `heap retained after ${CYCLES.toLocaleString('en')} join/leave cycles, ${os === 'android' ? 'Android' : 'iOS'} (${kept})`,
      value: Math.round(m.retainedBytes / 102.4) / 10,
      unit: 'KB',
      target: `≤ ${NOISE_KB} KB (noise)`,
    };
  });
  rows.push({
    name: `control: the same call id joined and left ${CYCLES.toLocaleString('en')} times, Android (noise floor)`,
    value: Math.round(result.control.retainedBytes / 102.4) / 10,
    unit: 'KB',
    target: `≤ ${NOISE_KB} KB (noise)`,
  });
  return rows;
}
