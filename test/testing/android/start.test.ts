// The Android model refuses, narrows and crashes exactly where a device would: A1–A6, A10, A13, A17.
import { describe, expect, it } from 'vitest';
import { fallbacksFor } from '../../../src/core/android/fallbacks';
import { FGS_PERMISSION } from '../../../src/core/android/policy';
import type { FgsType, PortEvent } from '../../../src/core/types';
import { type AndroidDeviceOptions, type AndroidFgsType, createAndroidDevice } from '../../../src/testing';
import { ALL_GRANTED, callKitStart, callNotification, MEDIA_MANIFEST, outcome } from '../helpers';

function device(options: Partial<AndroidDeviceOptions> & { apiLevel: number }) {
  const d = createAndroidDevice({ ...MEDIA_MANIFEST, granted: ALL_GRANTED, ...options });
  const events: PortEvent[] = [];
  d.subscribe((event) => events.push(event));
  return { d, events };
}
// With the fallbacks the Android policy gives these types (a naive driver's extra types have none).
const start = (types: AndroidFgsType[], callId = 'c1') =>
  ({
    kind: 'service.start',
    notification: callNotification(callId),
    types,
    fallbacks: types.every((type): type is FgsType => type in FGS_PERMISSION) ? fallbacksFor(types) : [],
  }) as const;

describe('A1: startForeground() deadline', () => {
  it('a naive service that only caught the exception crashes 5 s later; keepcall narrows and lives', async () => {
    const naive = device({ apiLevel: 34, granted: ['POST_NOTIFICATIONS'], nativeFallback: false });
    expect(await outcome(naive.d.run(start(['mediaPlayback', 'microphone'])))).toBe('missing-permission');
    naive.d.advance(4999);
    expect(naive.d.observe().crashed).toBeNull();
    naive.d.advance(1);
    expect(naive.d.observe().crashed).toEqual({
      exception: 'ForegroundServiceDidNotStartInTimeException',
      rule: 'A1',
    });
    expect(naive.d.observe().processAlive).toBe(false);

    const keep = device({ apiLevel: 34, granted: ['POST_NOTIFICATIONS'] });
    expect(await outcome(keep.d.run(start(['mediaPlayback', 'microphone'])))).toBe('resolved');
    keep.d.advance(10_000);
    expect(keep.d.observe().crashed).toBeNull();
    expect(keep.d.observe().service).toEqual({ running: true, foreground: true, types: ['mediaPlayback'] });
    expect(keep.events).toContainEqual({
      type: 'service.narrowed',
      types: ['mediaPlayback'],
      reason: 'missing-permission',
    });
  });

  it('a stop before promotion crashes a naive service; keepcall waits for the promotion, then stops', async () => {
    const naive = device({ apiLevel: 33, nativeFallback: false, promotionDelayMs: 200 });
    await naive.d.run(start(['mediaPlayback']));
    await naive.d.run({ kind: 'service.stop' });
    expect(naive.d.observe().crashed?.rule).toBe('A1');

    const keep = device({ apiLevel: 33, promotionDelayMs: 200 });
    await keep.d.run(start(['mediaPlayback']));
    await keep.d.run({ kind: 'service.stop' });
    expect(keep.d.observe().service.running).toBe(true);
    keep.d.advance(200);
    expect(keep.d.observe().crashed).toBeNull();
    expect(keep.d.observe().service.running).toBe(false);
    expect(keep.events.map((e) => e.type)).toEqual(['service.started', 'service.stopped']);
  });

  it('when no type at all is allowed, keepcall stops cleanly instead of crashing', async () => {
    const keep = device({ apiLevel: 34, granted: [], serviceTypes: ['microphone'] });
    expect(await outcome(keep.d.run(start(['microphone'])))).toBe('missing-permission');
    keep.d.advance(10_000);
    expect(keep.d.observe().crashed).toBeNull();
    expect(keep.d.observe().service.running).toBe(false);
  });

  it('a delayed promotion that fails is reported as events', async () => {
    const keep = device({ apiLevel: 34, granted: [], serviceTypes: ['microphone'], promotionDelayMs: 50 });
    expect(await outcome(keep.d.run(start(['microphone'])))).toBe('resolved');
    keep.d.advance(50);
    expect(keep.events.map((e) => e.type)).toEqual(['service.failed', 'service.stopped']);
  });
});

// keepcall's native service decides nothing on a refusal: it tries the command's fallbacks in the
// command's order (the Android policy computes them), as KeepCallService.promote() does.
describe('A1: a refused first promotion falls back as the command says', () => {
  const refusedCamera: Partial<AndroidDeviceOptions> & { apiLevel: number } = {
    apiLevel: 34,
    granted: ['RECORD_AUDIO', 'POST_NOTIFICATIONS'],
  };

  it('keeps the largest part the platform accepts: the camera refused, the microphone stays', async () => {
    const { d, events } = device({ ...refusedCamera });
    expect(await outcome(d.run(start(['mediaPlayback', 'microphone', 'camera'])))).toBe('resolved');
    expect(d.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(events).toContainEqual({
      type: 'service.narrowed',
      types: ['mediaPlayback', 'microphone'],
      reason: 'missing-permission',
    });
  });

  it('takes the first accepted fallback in the order the command gives, not the largest', async () => {
    const { d, events } = device({ ...refusedCamera });
    const fallbacks = [['camera'], ['mediaPlayback'], ['mediaPlayback', 'microphone']] as const;
    await d.run({ ...start(['mediaPlayback', 'microphone', 'camera']), fallbacks });
    expect(d.observe().service.types).toEqual(['mediaPlayback']);
    expect(events.filter((e) => e.type === 'service.narrowed')).toEqual([
      { type: 'service.narrowed', types: ['mediaPlayback'], reason: 'missing-permission' },
    ]);
  });

  it('with no fallback accepted it reports the refusal and stops cleanly, never crashing (A1)', async () => {
    const { d, events } = device({ ...refusedCamera });
    const error = await d.run({ ...start(['camera']), fallbacks: [] }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'missing-permission' });
    d.advance(10_000);
    expect(d.observe()).toMatchObject({ crashed: null, service: { running: false } });
    expect(events.some((e) => e.type === 'service.narrowed')).toBe(false);
  });

  it('an update while the promotion is pending carries its own fallbacks to it', async () => {
    const { d, events } = device({ ...refusedCamera, promotionDelayMs: 100 });
    await d.run(start(['mediaPlayback']));
    await d.run({
      kind: 'service.update',
      notification: callNotification(),
      types: ['mediaPlayback', 'microphone', 'camera'],
      fallbacks: [['microphone']],
    });
    d.advance(100);
    expect(d.observe().service.types).toEqual(['microphone']);
    expect(events.map((e) => e.type)).toEqual(['service.narrowed']);
  });

  it.each([
    [33, 'resolved', true],
    [34, 'type-not-declared', false],
  ])('an empty request on API %i: %s (nothing to fall back to)', async (apiLevel, expected, running) => {
    const { d } = device({ apiLevel });
    expect(start([]).fallbacks).toEqual([]);
    expect(await outcome(d.run(start([])))).toBe(expected);
    d.advance(10_000);
    expect(d.observe()).toMatchObject({ crashed: null, service: { running, types: [] } });
  });
});

describe('A2: no start from the background on API 31+', () => {
  it.each([
    [30, 30, 'resolved'],
    [31, 31, 'start-not-allowed'],
    [31, 30, 'resolved'],
    [37, 37, 'start-not-allowed'],
  ])('API %i target %i from the background: %s', async (apiLevel, targetSdk, expected) => {
    const { d } = device({ apiLevel, targetSdk, app: 'background' });
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe(expected);
    expect(d.observe().service.running).toBe(expected === 'resolved');
  });

  it('an exemption (battery optimisation off) allows it', async () => {
    const { d } = device({ apiLevel: 34, app: 'background', exemptions: ['batteryOptimizationOff'] });
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe('resolved');
  });

  it('the app just left the screen: allowed for a few seconds, refused after', async () => {
    const { d } = device({ apiLevel: 34 });
    d.setApp('background');
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe('resolved');
    await d.run({ kind: 'service.stop' });
    d.advance(5000);
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe('start-not-allowed');
    expect(d.log.some((entry) => entry.rule === 'A2')).toBe(true);
  });

  it('pip counts as visible; an activity destroyed while the process lives does not', async () => {
    const pip = device({ apiLevel: 34, app: 'pip' });
    expect(await outcome(pip.d.run(start(['mediaPlayback'])))).toBe('resolved');
    const destroyed = device({ apiLevel: 34, app: 'destroyed' });
    expect(await outcome(destroyed.d.run(start(['mediaPlayback'])))).toBe('start-not-allowed');
  });
});

describe('A3: types must be in the manifest, with FOREGROUND_SERVICE_<TYPE> on API 34+', () => {
  const declared = ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'POST_NOTIFICATIONS'];
  it.each([
    [33, 'resolved'],
    [34, 'type-not-declared'],
  ])('microphone without FOREGROUND_SERVICE_MICROPHONE on API %i: %s', async (apiLevel, expected) => {
    const { d } = device({ apiLevel, declared, nativeFallback: false });
    expect(await outcome(d.run(start(['mediaPlayback', 'microphone'])))).toBe(expected);
  });

  it('a type missing from foregroundServiceType is refused on every level', async () => {
    const { d } = device({ apiLevel: 29, serviceTypes: ['mediaPlayback'], nativeFallback: false });
    expect(await outcome(d.run(start(['camera'])))).toBe('type-not-declared');
  });

  it('no type anywhere on API 34 throws MissingForegroundServiceTypeException', async () => {
    const { d } = device({ apiLevel: 34, serviceTypes: [], nativeFallback: false });
    const error = await d.run(start([])).catch((e: Error) => e);
    expect(String(error)).toContain('MissingForegroundServiceTypeException');
  });

  it('keepcall narrows to the declared part', async () => {
    const { d, events } = device({ apiLevel: 34, declared });
    await d.run(start(['mediaPlayback', 'microphone']));
    expect(d.observe().service.types).toEqual(['mediaPlayback']);
    expect(events).toContainEqual({
      type: 'service.narrowed',
      types: ['mediaPlayback'],
      reason: 'type-not-declared',
    });
  });
});

describe('A4: microphone/camera need the permission, and a user-visible context, on API 34+', () => {
  it.each([
    [33, 'resolved'],
    [34, 'missing-permission'],
  ])('camera without CAMERA on API %i: %s', async (apiLevel, expected) => {
    const { d } = device({ apiLevel, granted: ['RECORD_AUDIO'], nativeFallback: false });
    expect(await outcome(d.run(start(['mediaPlayback', 'camera'])))).toBe(expected);
  });

  it('a battery exemption lets the service start from the background, but not with the microphone', async () => {
    const { d, events } = device({ apiLevel: 34, app: 'background', exemptions: ['batteryOptimizationOff'] });
    await d.run(start(['mediaPlayback', 'microphone']));
    expect(d.observe().service.types).toEqual(['mediaPlayback']);
    expect(events).toContainEqual({
      type: 'service.narrowed',
      types: ['mediaPlayback'],
      reason: 'missing-permission',
    });
  });

  it('a notification tap is a user-visible context: the microphone is allowed', async () => {
    const { d } = device({ apiLevel: 34, app: 'background', exemptions: ['notificationTap'] });
    await d.run(start(['mediaPlayback', 'microphone']));
    expect(d.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
  });
});

describe('A5: background capture needs a foreground service of the matching type', () => {
  it('no service: silence; mediaPlayback only: silence (target 30+); microphone type: captures', async () => {
    const { d } = device({ apiLevel: 33 });
    d.setApp('background');
    expect(d.observe().microphoneCaptures).toBe(false);
    d.setApp('active');
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    expect(d.observe().microphoneCaptures).toBe(false);
    d.setApp('active');
    await d.run({
      kind: 'service.update',
      notification: callNotification(),
      types: ['mediaPlayback', 'microphone'],
    });
    d.setApp('background');
    expect(d.observe().microphoneCaptures).toBe(true);
    expect(d.observe().cameraCaptures).toBe(false);
  });

  it('API 29: any foreground service keeps the microphone', async () => {
    const { d } = device({ apiLevel: 29 });
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    expect(d.observe().microphoneCaptures).toBe(true);
  });

  it('API 33: a microphone service started from the background (exemption) still gets silence', async () => {
    const { d } = device({ apiLevel: 33, app: 'background', exemptions: ['highPriorityFcm'] });
    d.advance(10_000);
    await d.run(start(['mediaPlayback', 'microphone']));
    expect(d.observe().service.types).toContain('microphone');
    expect(d.observe().microphoneCaptures).toBe(false);
  });
});

describe('A6: re-promotion widens the types once the app is visible', () => {
  const widen = (types: AndroidFgsType[]) =>
    ({ kind: 'service.update', notification: callNotification(), types }) as const;

  it('adding the microphone from the background is refused, and allowed once the app is visible', async () => {
    const { d } = device({ apiLevel: 34, app: 'background', exemptions: ['batteryOptimizationOff'] });
    d.advance(10_000);
    await d.run(start(['mediaPlayback']));
    // keepcall's service rethrows what startForeground() threw (KeepCallService.update): no narrowing.
    expect(await outcome(d.run(widen(['mediaPlayback', 'microphone'])))).toBe('missing-permission');
    expect(d.observe().service.types).toEqual(['mediaPlayback']);
    d.setApp('active');
    await d.run(widen(['mediaPlayback', 'microphone']));
    d.setApp('background');
    expect(d.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(d.observe().microphoneCaptures).toBe(true);
    expect(d.log.some((entry) => entry.rule === 'A6')).toBe(true);
  });

  it('a service started while visible may not add while-in-use types from the background on API 34+', async () => {
    // The review's case: started visible, so it holds while-in-use standing for mediaPlayback; a minute
    // in the background, then startForeground() with microphone and camera added.
    for (const nativeFallback of [true, false]) {
      const { d, events } = device({ apiLevel: 34, visibilityGraceMs: 0, nativeFallback });
      await d.run(start(['mediaPlayback']));
      d.setApp('background');
      d.advance(60_000);
      const error = await d.run(widen(['mediaPlayback', 'microphone', 'camera'])).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'missing-permission' });
      expect(String(error)).toMatch(/SecurityException: microphone\+camera added from the background/);
      expect(d.observe()).toMatchObject({
        crashed: null,
        service: { running: true, foreground: true, types: ['mediaPlayback'] },
        microphoneCaptures: false,
        cameraCaptures: false,
      });
      expect(events.filter((e) => e.type.startsWith('service.')).map((e) => e.type)).toEqual([
        'service.started',
      ]);
      // Narrowing from the background stays allowed, and so does a widening within the grace window.
      d.setApp('active');
      await d.run(widen(['mediaPlayback', 'microphone', 'camera']));
      d.setApp('background');
      d.advance(60_000);
      expect(await outcome(d.run(widen(['mediaPlayback', 'microphone'])))).toBe('resolved');
      expect(d.observe()).toMatchObject({ microphoneCaptures: true, cameraCaptures: false });
    }
  });

  it('within the visibility grace, or after a notification tap, the widening is allowed', async () => {
    const { d } = device({ apiLevel: 34, visibilityGraceMs: 5000 });
    await d.run(start(['mediaPlayback']));
    d.setApp('background');
    d.advance(4999);
    expect(await outcome(d.run(widen(['mediaPlayback', 'microphone'])))).toBe('resolved');
    d.advance(60_000);
    expect(d.observe().microphoneCaptures).toBe(true);
    d.tapAction('mute');
    expect(await outcome(d.run(widen(['mediaPlayback', 'microphone', 'camera'])))).toBe('resolved');
    d.advance(60_000);
    expect(d.observe().cameraCaptures).toBe(true);
  });

  it.each([
    [33, 33],
    [34, 33],
  ])(
    'API %i target %i: startForeground() does not throw, whether the added type captures is unknown',
    async (apiLevel, targetSdk) => {
      const { d } = device({ apiLevel, targetSdk, visibilityGraceMs: 0 });
      await d.run(start(['mediaPlayback']));
      d.setApp('background');
      d.advance(60_000);
      expect(await outcome(d.run(widen(['mediaPlayback', 'microphone'])))).toBe('resolved');
      expect(d.observe()).toMatchObject({
        service: { types: ['mediaPlayback', 'microphone'] },
        microphoneCaptures: 'unknown',
      });
      // A re-promotion while visible settles it.
      d.setApp('active');
      await d.run(widen(['mediaPlayback', 'microphone', 'camera']));
      d.setApp('background');
      expect(d.observe()).toMatchObject({ microphoneCaptures: true, cameraCaptures: true });
    },
  );

  it('a naive widening from the background rejects and keeps the old types', async () => {
    const { d } = device({
      apiLevel: 34,
      nativeFallback: false,
      app: 'background',
      exemptions: ['exactAlarm'],
    });
    d.advance(10_000);
    await d.run(start(['mediaPlayback']));
    expect(await outcome(d.run(widen(['mediaPlayback', 'camera'])))).toBe('missing-permission');
    expect(d.observe().service.types).toEqual(['mediaPlayback']);
  });
});

describe('A10: BOOT_COMPLETED may not start call types on API 35', () => {
  it.each([
    [34, 'resolved'],
    [35, 'start-not-allowed'],
  ])('API %i: %s', async (apiLevel, expected) => {
    const { d } = device({ apiLevel, app: 'background', nativeFallback: false });
    d.startNextFromBootReceiver();
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe(expected);
  });
});

describe('A13: a misspelled permission is a missing one', () => {
  it('FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK does not count', async () => {
    const { d } = device({
      apiLevel: 34,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK'],
      serviceTypes: ['mediaPlayback'],
      nativeFallback: false,
    });
    expect(d.log.map((entry) => entry.rule)).toContain('A13');
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe('type-not-declared');
  });
});

describe('A17: phoneCall needs MANAGE_OWN_CALLS on API 34+', () => {
  const base = { serviceTypes: ['phoneCall'] as AndroidFgsType[], nativeFallback: false };
  it.each([
    [33, [], 'resolved'],
    [34, ['FOREGROUND_SERVICE_PHONE_CALL'], 'type-not-declared'],
    [34, ['FOREGROUND_SERVICE_PHONE_CALL', 'MANAGE_OWN_CALLS'], 'resolved'],
  ])('API %i declaring %j: %s', async (apiLevel, declared, expected) => {
    const { d } = device({ apiLevel, declared, ...base });
    expect(await outcome(d.run(start(['phoneCall'])))).toBe(expected);
  });
});

describe('the Port contract', () => {
  it('rejects commands of other platforms, validates options, and snapshots what it holds', async () => {
    const { d } = device({ apiLevel: 34 });
    const uuid = '1';
    expect(await outcome(d.run(callKitStart('c1', uuid)))).toBe('unsupported');
    expect(await outcome(d.run({ kind: 'web.wakeLock', held: true }))).toBe('unsupported');
    expect(() => createAndroidDevice({ apiLevel: 28 })).toThrow(
      /apiLevel: got 28, allowed: an integer from 29 to 37/,
    );
    expect(() => createAndroidDevice({ apiLevel: 34, granted: ['MIC' as never] })).toThrow(/granted\[0\]/);
    // A misspelt option fails instead of silently leaving the default in place.
    expect(() => createAndroidDevice({ apiLevel: 34, grantd: ['RECORD_AUDIO'] } as never)).toThrow(
      /grantd: not an option, allowed: apiLevel, targetSdk, declared, serviceTypes, granted/,
    );
    expect(() => createAndroidDevice({ apiLevel: 34, stopWithTask: 'yes' as never })).toThrow(
      /stopWithTask: got "yes", allowed: true or false/,
    );
    expect(await d.snapshot()).toEqual({ android: null });
    await d.run(start(['mediaPlayback', 'microphone']));
    const snap = await d.snapshot();
    expect(snap.android?.types).toEqual(['mediaPlayback', 'microphone']);
    expect(snap.android?.notification.callId).toBe('c1');
  });

  it('reloadJs drops subscribers but keeps the service; a race runs before the next command', async () => {
    const { d, events } = device({ apiLevel: 34 });
    await d.run(start(['mediaPlayback']));
    d.reloadJs();
    d.setApp('background');
    expect(events.filter((e) => e.type === 'app')).toEqual([]);
    expect(d.observe().service.running).toBe(true);
    await d.run({ kind: 'service.stop' });
    d.setApp('active');
    d.raceBeforeNextCommand(() => {
      d.setApp('background');
      d.advance(6000);
    });
    expect(await outcome(d.run(start(['mediaPlayback'])))).toBe('start-not-allowed');
  });
});

describe('snapshot() while the service is being promoted', () => {
  it('counts a starting service as running, with the types and spec it was given, as the native module does', async () => {
    const { d } = device({ apiLevel: 34, granted: ['POST_NOTIFICATIONS'], promotionDelayMs: 300 });
    await d.run(start(['mediaPlayback', 'microphone']));
    expect(d.observe().service).toEqual({ running: true, foreground: false, types: [] });
    const starting = await d.snapshot();
    expect(starting.android?.types).toEqual(['mediaPlayback', 'microphone']);
    expect(starting.android?.notification.callId).toBe('c1');
    // An update before the promotion is what onStartCommand draws (KeepCallService.update while starting).
    await d.run({ kind: 'service.update', notification: callNotification('c2'), types: ['mediaPlayback'] });
    expect((await d.snapshot()).android).toMatchObject({
      types: ['mediaPlayback'],
      notification: { callId: 'c2' },
    });
    // A stop waiting for the promotion leaves it running until then, but the snapshot already says
    // stopped: it is on its way out, and a start would cancel the stop.
    await d.run({ kind: 'service.stop' });
    expect(d.observe().service.running).toBe(true);
    expect(await d.snapshot()).toEqual({ android: null });
    d.advance(300);
    expect(await d.snapshot()).toEqual({ android: null });
    expect(d.observe()).toMatchObject({ crashed: null, service: { running: false } });
  });
});

describe('A1: a start after a pending stop', () => {
  it('cancels the stop that was waiting for the promotion', async () => {
    const { d } = device({ apiLevel: 34, promotionDelayMs: 200 });
    await d.run(start(['mediaPlayback']));
    await d.run({ kind: 'service.stop' });
    await d.run(start(['mediaPlayback']));
    d.advance(200);
    expect(d.observe()).toMatchObject({ crashed: null, service: { running: true, foreground: true } });
  });
});
