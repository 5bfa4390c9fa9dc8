// DESIGN.md's invariants, and the 23 kinds issue 14 names, held over random sequences run through
// keepcall's runtime on the platform models (keepcall/testing) as the oracle. Every invariant is checked
// on the model device's own observable state (service, notification, CallKit calls, capture, process),
// on what the SDK saw (hang-ups, throws into its emitter) or on what the app saw (errors, idle()).
//
// Dimensions (test/core/properties/*):
// - devices: Android API 29–37 × target SDK 28–37 × declared permissions × manifest types × granted
//   permissions × profile × visibility grace × promotion delay × stopWithTask; iOS × enableOngoingCalls
//   × CallKit available or not (I10) × background modes.
// - calls: three per sequence with arbitrary distinct ids (Object.prototype names, unicode, spaces,
//   digits, zero-width) and display names (none, empty, spaces, unicode, prototype names).
// - SDK signals: every move a real SDK makes, duplicates and late (reordered) deliveries; hangup() and
//   setMuted() that fail, switched on and off at any point.
// - the app: updateConfig at any point (texts, labels, profile, debounce, endOnTaskRemoved, taskToRun,
//   adoptGraceMs); setPushConfig in the constructor, after start(), right after on(), at a later step,
//   twice; JavaScript reloads re-tracking at once, after a gap or never; dispose and rebuild at any point;
//   untrack at any point; listeners that are quiet, that throw, or that call back into the runtime.
// - the platform: app state changes, permission grants and revocations, notification taps (hang-up,
//   mute, unmute) and dismissals, service kills, task removal, CallKit end/mute/hold from the system UI,
//   and races between the engine's decision and its command (app state, revocation, kill, timers,
//   CallKit actions).
// - checks: after every step, at rest (back in the foreground, timers run out), and one minute in the
//   background (does the microphone still capture; is the iOS app still running).
//
// A failure prints the command that replays it alone (KEEPCALL_<ANDROID|IOS>_SEED and _PATH apply only
// to the test they name). KEEPCALL_PROPERTY_RUNS sets how many sequences run (default 10,000: 70 %
// Android). KEEPCALL_PROPERTY_SURVEY=1 runs every sequence instead of stopping at the first failure and
// prints the failures by invariant with a replay command each (KEEPCALL_PROPERTY_SEED sets the first
// seed; KEEPCALL_PROPERTY_PROGRESS=file keeps the figures so far in a file); KEEPCALL_STATS=1 prints what
// the sequences exercised.
import { afterAll, describe, expect, it } from 'vitest';
import { androidSetup, runAndroid } from './properties/android';
import { count, holds, RUNS, replaying, SURVEY, stats, surveys } from './properties/harness';
import { iosSetup, runIos } from './properties/ios';

const ANDROID_SHARE = 0.7;
/** Long runs (a million sequences) get the time they need; the default run stays well inside 10 minutes. */
const TIMEOUT_MS = 600_000 + RUNS * 10;

afterAll(() => {
  if (SURVEY)
    console.log(`keepcall property survey\n${JSON.stringify(Object.fromEntries(surveys), null, 2)}`);
  if (!process.env.KEEPCALL_STATS) return;
  const lines = [...stats.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
  console.log(`keepcall property statistics\n${lines.join('\n')}`);
});

/**
 * The default run must exercise what the invariants are about: refused starts after races, each
 * failure code, task removals, late and missing re-tracking (a smaller run, or a replay, skips this).
 */
function expectExercised() {
  if (RUNS < 10_000 || replaying || SURVEY) return;
  const seen = (prefix: string) =>
    [...stats.entries()].filter(([key]) => key.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  expect(seen('android refused service.start start-not-allowed')).toBeGreaterThan(0);
  for (const code of [
    'start-not-allowed',
    'missing-permission',
    'type-not-declared',
    'notifications-blocked',
  ]) {
    expect(seen(`android error ${code}`), code).toBeGreaterThan(0);
  }
  expect(seen('android process killed')).toBeGreaterThan(0);
  expect(seen('android task removed with a service')).toBeGreaterThan(0);
  expect(seen('android checks while the service was starting')).toBeGreaterThan(0);
  expect(seen('android reload retracked late')).toBeGreaterThan(0);
  expect(seen('android reload never retracked')).toBeGreaterThan(0);
  expect(seen('android background microphone checked')).toBeGreaterThan(0);
}

describe('invariants over random event sequences', () => {
  it(
    `hold on Android API 29–37 (${Math.max(1, Math.round(RUNS * ANDROID_SHARE))} sequences)`,
    async () => {
      await holds(
        'ANDROID',
        'hold on Android',
        runAndroid,
        androidSetup,
        Math.max(1, Math.round(RUNS * ANDROID_SHARE)),
      );
      expectExercised();
    },
    TIMEOUT_MS,
  );

  it(
    `hold on iOS (${Math.max(1, Math.round(RUNS * (1 - ANDROID_SHARE)))} sequences)`,
    async () => {
      await holds(
        'IOS',
        'hold on iOS',
        runIos,
        iosSetup,
        Math.max(1, Math.round(RUNS * (1 - ANDROID_SHARE))),
      );
      if (RUNS >= 10_000 && !replaying && !SURVEY) {
        expect(stats.get('ios push config set at a step') ?? 0).toBeGreaterThan(0);
        expect(stats.get('ios background checked') ?? 0).toBeGreaterThan(0);
      }
      count('ios suite done');
    },
    TIMEOUT_MS,
  );
});
