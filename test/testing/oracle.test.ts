// The models are the test oracle (issue 14 item 10): they follow the platform, not the engine's policy;
// `[]` means "no type" on a first promotion and on a re-promotion alike; CallStyle keeps a name of
// spaces; and what they record stays bounded in long runs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AndroidDeviceOptions,
  type AndroidFgsType,
  createAndroidDevice,
  createIosDevice,
  HISTORY_LIMIT,
} from '../../src/testing';
import { LIBRARY_SERVICE_TYPES } from '../../src/testing/android/manifest';
import { ALL_GRANTED, callKitStart, callNotification, MEDIA_MANIFEST, outcome } from './helpers';

const device = (options: Partial<AndroidDeviceOptions> & { apiLevel: number }) =>
  createAndroidDevice({ ...MEDIA_MANIFEST, granted: ALL_GRANTED, ...options });
const start = (types: AndroidFgsType[]) =>
  ({ kind: 'service.start', notification: callNotification(), types }) as const;
const update = (types: AndroidFgsType[], person = 'Alice') =>
  ({ kind: 'service.update', notification: callNotification('c1', { person }), types }) as const;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the models take their rules from the platform, not from the engine', () => {
  it('no model file imports a policy of src/core', () => {
    const offenders = sources('src/testing').filter((path) =>
      /from '[./]*core\/[a-z]+\/policy'/.test(readFileSync(path, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it("the model's default service types are the library manifest's", () => {
    const manifest = readFileSync('android/src/main/AndroidManifest.xml', 'utf8');
    const declared = /KeepCallService"[^>]*foregroundServiceType="([^"]+)"/s.exec(manifest)?.[1];
    expect(declared?.split('|')).toEqual([...LIBRARY_SERVICE_TYPES]);
  });
});

describe('startForeground with no type is FOREGROUND_SERVICE_TYPE_NONE, for start and update alike', () => {
  it('API 33: start([]) and update([]) both leave the service with no type (not the manifest types)', async () => {
    const started = device({ apiLevel: 33 });
    expect(await outcome(started.run(start([])))).toBe('resolved');
    expect(started.observe().service).toEqual({ running: true, foreground: true, types: [] });

    const updated = device({ apiLevel: 33 });
    // The service holds exactly the manifest's types: `[]` must not read as "the manifest's types".
    await updated.run(start([...MEDIA_MANIFEST.serviceTypes]));
    expect(await outcome(updated.run(update([])))).toBe('resolved');
    expect(updated.observe().service).toEqual(started.observe().service);
    // A5: with no type, the microphone is silent in the background (target 30+).
    updated.setApp('background');
    updated.advance(10_000);
    expect(updated.observe().microphoneCaptures).toBe(false);
  });

  it('API 34: both are refused (no type at all), and the running service keeps what it holds', async () => {
    const started = device({ apiLevel: 34 });
    expect(await outcome(started.run(start([])))).toBe('type-not-declared');

    const updated = device({ apiLevel: 34 });
    await updated.run(start(['mediaPlayback', 'microphone']));
    expect(await outcome(updated.run(update([])))).toBe('type-not-declared');
    expect(updated.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
  });
});

describe('CallStyle (A14)', () => {
  it('keeps a person name of spaces, as Notification.CallStyle does (it refuses only an empty name)', async () => {
    const d = device({ apiLevel: 34 });
    await d.run(start(['mediaPlayback']));
    await d.run(update(['mediaPlayback'], '   '));
    const shown = d.observe().notification;
    expect(shown?.spec.person).toBe('   ');
    expect(shown?.spec.callStyle).toBe(true);
    expect(shown?.dismissible).toBe(false);

    await d.run(update(['mediaPlayback'], ''));
    expect(d.observe().notification?.spec.callStyle).toBe(false);
  });
});

describe('long runs stay flat', () => {
  it(`the Android log and event history keep the latest ${HISTORY_LIMIT} entries`, async () => {
    const d = device({ apiLevel: 34, visibilityGraceMs: 0 });
    const seen: string[] = [];
    d.subscribe((event) => seen.push(event.type));
    for (let i = 0; i < 3 * HISTORY_LIMIT; i++) {
      d.setApp(i % 2 === 0 ? 'background' : 'active');
      d.advance(1);
      // From the background each start is refused and logged (A2).
      await outcome(d.run(start(['mediaPlayback'])));
      await d.run({ kind: 'service.stop' });
    }
    expect(d.log.length).toBe(HISTORY_LIMIT);
    // The latest entry is still the last thing that happened.
    expect(d.log.at(-1)).toMatchObject({ rule: 'A2', at: d.clock.now() - 1 });
    expect(seen.length).toBeGreaterThan(HISTORY_LIMIT);
  });

  it(`the iOS log keeps the latest ${HISTORY_LIMIT} entries`, async () => {
    const d = createIosDevice({ backgroundModes: ['audio'] });
    for (let i = 0; i < 2 * HISTORY_LIMIT; i++) {
      const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await d.run(callKitStart('c', uuid));
      await d.run({ kind: 'callkit.end', callId: 'c', uuid, reason: 'local' });
    }
    expect(d.log.length).toBe(HISTORY_LIMIT);
    // The latest entries are still the last call's end (and the audio it gave back).
    expect(d.log.slice(-3).map((entry) => entry.what)).toContain('CXEndCallAction');
  });
});
