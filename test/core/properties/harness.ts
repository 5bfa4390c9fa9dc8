// Runs a property: the default run fails at the first broken invariant and prints the command that
// replays it alone; a survey (KEEPCALL_PROPERTY_SURVEY=1) runs every sequence and counts what broke.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { KeepCallError } from '../../../src/core/errors';
import type { Runtime } from '../../../src/core/universal';
import { Broken, broken, type InvariantKind, resetPending, rethrowPending } from './invariants';

export const FILE = 'test/core/properties.test.ts';
/** Sequences in the default run; KEEPCALL_PROPERTY_RUNS (or the older KEEPCALL_RUNS) runs more. */
export const RUNS = Number(process.env.KEEPCALL_PROPERTY_RUNS ?? process.env.KEEPCALL_RUNS ?? 10_000);
export const SURVEY = process.env.KEEPCALL_PROPERTY_SURVEY === '1';

export type Suite = 'ANDROID' | 'IOS';

/** The seed (and path) to replay, for the one test they came from. */
function replayOf(suite: Suite): { seed?: number; path?: string } {
  const seed = process.env[`KEEPCALL_${suite}_SEED`];
  const path = process.env[`KEEPCALL_${suite}_PATH`];
  if (seed === undefined || seed === '') return {};
  return path ? { seed: Number(seed), path } : { seed: Number(seed) };
}
export const replaying = replayOf('ANDROID').seed !== undefined || replayOf('IOS').seed !== undefined;

/** What a survey found: sequences run, and per invariant how many broke it and the first seed. */
export interface Survey {
  sequences: number;
  failures: Partial<Record<InvariantKind | 'harness', { count: number; replay: string; first: string }>>;
  ms: number;
}
export const surveys = new Map<Suite, Survey>();

/** Runs the property; a failure names the exact command that replays it, in that test only. */
export async function holds<T>(
  suite: Suite,
  title: string,
  property: (value: T) => Promise<void>,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
): Promise<void> {
  if (process.env.KEEPCALL_SEED !== undefined || process.env.KEEPCALL_PATH !== undefined) {
    throw new Error(
      `KEEPCALL_SEED/KEEPCALL_PATH applied to both tests; set KEEPCALL_${suite}_SEED and KEEPCALL_${suite}_PATH instead`,
    );
  }
  const run = async (value: T) => {
    resetPending();
    await property(value);
    rethrowPending();
  };
  if (SURVEY && !replaying) return survey(suite, title, run, arbitrary, numRuns);
  const details = await fc.check(fc.asyncProperty(arbitrary, run), { numRuns, ...replayOf(suite) });
  if (!details.failed) return;
  const path =
    details.counterexamplePath === null ? '' : ` KEEPCALL_${suite}_PATH=${details.counterexamplePath}`;
  const command = `KEEPCALL_${suite}_SEED=${details.seed}${path} npx vitest run ${FILE} -t '${title}'`;
  throw new Error(`${fc.defaultReportMessage(details)}\n\nReplay this failure alone with:\n  ${command}\n`, {
    cause: details.errorInstance,
  });
}

// One sequence per seed, so each failure replays alone with its seed (no shrinking in a survey).
async function survey<T>(
  suite: Suite,
  title: string,
  run: (value: T) => Promise<void>,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
) {
  const started = Date.now();
  const base = Number(process.env.KEEPCALL_PROPERTY_SEED ?? 1);
  const result: Survey = { sequences: 0, failures: {}, ms: 0 };
  surveys.set(suite, result);
  const progress = process.env.KEEPCALL_PROPERTY_PROGRESS;
  for (let index = 0; index < numRuns; index++) {
    const seed = base + index;
    // A long survey leaves its figures so far in a file, so a run cut short still reports them.
    if (progress && index % 10_000 === 0) {
      result.ms = Date.now() - started;
      writeFileSync(progress, JSON.stringify({ suite, firstSeed: base, ...result }, null, 2));
    }
    const [value] = fc.sample(arbitrary, { seed, numRuns: 1 });
    result.sequences++;
    try {
      await run(value as T);
    } catch (error) {
      // A survey of one sequence is a replay: show the whole failure and the sequence.
      if (numRuns === 1) {
        console.log(`the sequence:\n${fc.stringify(value)}`);
        throw error;
      }
      const kind = error instanceof Broken ? error.kind : causeKind(error);
      const entry = result.failures[kind] ?? {
        count: 0,
        replay: `KEEPCALL_PROPERTY_SURVEY=1 KEEPCALL_PROPERTY_SEED=${seed} KEEPCALL_PROPERTY_RUNS=1 npx vitest run ${FILE} -t '${title}'`,
        first: (error instanceof Error ? error.message : String(error)).slice(0, 300),
      };
      entry.count++;
      result.failures[kind] = entry;
    }
  }
  result.ms = Date.now() - started;
  if (progress)
    writeFileSync(progress, JSON.stringify({ suite, firstSeed: base, done: true, ...result }, null, 2));
}

function causeKind(error: unknown): InvariantKind | 'harness' {
  // An expect() inside a check is an invariant too; anything else is the harness's own failure.
  const message = error instanceof Error ? error.message : String(error);
  const match = /^\[([a-z-]+)\]/.exec(message);
  return (match?.[1] as InvariantKind | undefined) ?? 'harness';
}

/** What the default run exercised: error codes, refused commands, device events, task removals. */
export const stats = new Map<string, number>();
export const count = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

/**
 * Waits for the runtime to settle: `idle()` must resolve within a bounded number of turns (everything
 * runs on the virtual clock, so a healthy runtime needs a few microtasks).
 */
export async function idleWithin(runtime: Runtime, what: string): Promise<void> {
  let done = false;
  void runtime.idle().then(() => {
    done = true;
  });
  // Microtasks first (a healthy runtime settles within a few), then whole turns of the event loop.
  for (let turn = 0; turn < 20 && !done; turn++) await Promise.resolve();
  for (let turn = 0; turn < 50 && !done; turn++) await new Promise((resolve) => setImmediate(resolve));
  if (!done) broken('idle-hang', `idle() did not resolve ${what}`);
}

/** Error checks that hold after every step: nothing undecidable, nothing unsettled, no storm. */
export function checkErrors(errors: readonly KeepCallError[], fromIndex: number): void {
  const fresh = errors.slice(fromIndex);
  for (const error of fresh) {
    if (error.message.startsWith('could not decide')) broken('could-not-decide', error.message);
    if (error.message.includes('did not settle')) broken('did-not-settle', error.message);
  }
  if (fresh.length > 16) {
    const codes = [...new Set(fresh.map((error) => `${error.code}: ${error.message}`))].slice(0, 3);
    broken('error-storm', `${fresh.length} errors in one step, e.g. ${codes.join(' | ')}`);
  }
}

/** How listeners on the runtime behave: quiet, throwing, or calling back into it (re-entrant). */
export type ListenerMode = 'quiet' | 'throwing' | 'reentrant';
export const listenerMode = fc.constantFrom<ListenerMode>('quiet', 'quiet', 'throwing', 'reentrant');

/** Arbitrary call ids: prototype names, unicode, spaces, digits; three distinct ones per sequence. */
const callId = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      'constructor',
      'toString',
      'hasOwnProperty',
      '__proto__',
      'valueOf',
      'prototype',
      ' ',
      '\u200b',
      '\n',
      '0',
      '-1',
      'call:1',
      'Zoë ☎',
      '通话',
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), weight: 1 },
);
export const callIds = fc.uniqueArray(callId, { minLength: 3, maxLength: 3 });

/** Arbitrary display names, or none. */
const displayName = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  {
    arbitrary: fc.constantFrom('', ' ', '   ', 'Ada', 'Zoë ☎', 'constructor', '__proto__', '\u200b'),
    weight: 2,
  },
  { arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }), weight: 1 },
);
export const displayNames = fc.array(displayName, { minLength: 3, maxLength: 3 });

/** When a reloaded app tracks its calls again: at once, after a gap, or never. */
export const retrack = fc.record({
  when: fc.constantFrom('now' as const, 'now' as const, 'late' as const, 'never' as const),
  gapMs: fc.oneof(fc.constantFrom(0, 500, 3000, 7000, 9000), fc.integer({ min: 0, max: 12_000 })),
});
export type Retrack = { when: 'now' | 'late' | 'never'; gapMs: number };

/** With KEEPCALL_PROPERTY_TRACE=1, prints what led to a failure (errors, the device's latest rules). */
export async function traced(run: () => Promise<void>, trace: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (process.env.KEEPCALL_PROPERTY_TRACE === '1') console.log(JSON.stringify(trace(), null, 1));
    throw error;
  }
}
