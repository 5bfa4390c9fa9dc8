// keepcall's runtime drives the Android model through each rule's scenario and never hits the rule;
// a naive driver, written the way the field's code is, hits it on the same device.
import { describe, expect, it } from 'vitest';
import { type AndroidDeviceOptions, createAndroidDevice, createFakeCall } from '../../../src/testing';
import { flush, naiveAndroid, withKeepcall } from '../drivers';
import { ALL_GRANTED, callNotification, MEDIA_MANIFEST } from '../helpers';

type Options = Partial<AndroidDeviceOptions> & { apiLevel: number };

/** The same device twice: one run by keepcall (its native service), one by a naive app. */
async function pair(options: Options, naiveOptions: Parameters<typeof naiveAndroid>[2] = {}) {
  const base = { ...MEDIA_MANIFEST, granted: ALL_GRANTED, ...options };
  const kd = createAndroidDevice(base);
  const keep = await withKeepcall(kd);
  const kcall = createFakeCall('c1', { displayName: 'Alice' });
  keep.runtime.track(kcall);
  const nd = createAndroidDevice({ ...base, nativeFallback: false });
  const ncall = createFakeCall('c1');
  const naive = naiveAndroid(nd, ncall, naiveOptions);
  return {
    keep: { device: kd, call: kcall, ...keep },
    naive: { device: nd, call: ncall, ...naive },
    /** Applies the same step to both devices and lets both settle. */
    async both(step: (device: typeof kd, call: typeof kcall) => void, ms = 0) {
      step(kd, kcall);
      step(nd, ncall);
      await flush();
      await keep.settle(ms);
      if (ms > 0) nd.advance(ms);
      await flush();
    },
  };
}

const join =
  (video = false) =>
  (device: { clock: { now(): number } }, call: ReturnType<typeof createFakeCall>) =>
    call.joined(device.clock.now(), { video });

describe('A1: the startForeground deadline', () => {
  it('microphone denied on API 34: keepcall narrows and lives, the naive service crashes', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 34, granted: ['POST_NOTIFICATIONS'] });
    await both(join());
    await both(() => {}, 10_000);
    expect(keep.device.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback'] },
    });
    expect(keep.refused).toEqual([]);
    expect(naive.refused).toEqual(['missing-permission']);
    expect(naive.device.observe().crashed?.rule).toBe('A1');
  });

  it('a call that ends while the service is being promoted: keepcall waits, the naive stop crashes', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 34, promotionDelayMs: 300 });
    await both(join());
    await both((_, call) => call.left());
    await both(() => {}, 5000);
    expect(keep.device.observe()).toMatchObject({ crashed: null, service: { running: false } });
    expect(naive.device.observe().crashed).toEqual({
      exception: 'ForegroundServiceDidNotStartInTimeException',
      rule: 'A1',
    });
  });
});

describe('A2: no start from the background', () => {
  it('a call joined in the background: keepcall waits for the app, the naive start is refused', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 34, app: 'background' });
    await both(join());
    expect(keep.refused).toEqual([]);
    expect(keep.device.observe().service.running).toBe(false);
    expect(naive.refused).toEqual(['start-not-allowed']);
    await both((device) => device.setApp('active'));
    expect(keep.device.observe().service).toMatchObject({
      running: true,
      types: ['mediaPlayback', 'microphone'],
    });
    expect(naive.device.observe().service.running).toBe(false);
  });

  it('the app leaves between the decision and the start (a race): reported by name, recovered later', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    device.raceBeforeNextCommand(() => {
      device.setApp('background');
      device.advance(6000);
    });
    call.joined(device.clock.now());
    await keep.settle();
    expect(keep.refused.map((r) => r.code)).toEqual(['start-not-allowed']);
    expect(device.observe().crashed).toBeNull();
    device.setApp('active');
    await keep.settle();
    expect(device.observe().service.running).toBe(true);
  });
});

describe('A3/A13: only declared types', () => {
  it('FOREGROUND_SERVICE_CAMERA missing on API 34, video call: keepcall leaves camera out', async () => {
    const declared = MEDIA_MANIFEST.declared.filter((name) => name !== 'FOREGROUND_SERVICE_CAMERA');
    const { keep, naive, both } = await pair({ apiLevel: 34, declared });
    await both(join(true), 6000);
    expect(keep.device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(keep.refused).toEqual([]);
    expect(naive.refused).toEqual(['type-not-declared']);
    expect(naive.device.observe().crashed?.rule).toBe('A1');
  });

  it('a misspelled FOREGROUND_SERVICE_TYPE_* permission: keepcall reports it and sends nothing', async () => {
    const declared = ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK', 'POST_NOTIFICATIONS'];
    const { keep, naive, both } = await pair({ apiLevel: 34, declared, serviceTypes: ['mediaPlayback'] });
    await both(join(), 6000);
    expect(keep.refused).toEqual([]);
    expect(keep.errors.map((e) => e.code)).toContain('type-not-declared');
    expect(keep.device.observe().crashed).toBeNull();
    expect(naive.device.observe().crashed?.rule).toBe('A1');
  });
});

describe('A4/A5: the microphone in the background', () => {
  it('started from the background through an exemption: the naive service crashes; keepcall waits and captures', async () => {
    const { keep, naive, both } = await pair({
      apiLevel: 34,
      app: 'background',
      exemptions: ['batteryOptimizationOff'],
    });
    await both(join(), 6000);
    expect(naive.device.observe().crashed?.rule).toBe('A1');
    expect(naive.refused).toEqual(['missing-permission']);
    expect(keep.device.observe().service.running).toBe(false);
    await both((device) => device.setApp('active'));
    await both((device) => device.setApp('background'), 60_000);
    expect(keep.device.observe()).toMatchObject({ crashed: null, microphoneCaptures: true });
  });

  it('API 33, a mediaPlayback-only service (as many apps do): silent microphone; keepcall adds the type', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 33 }, { types: ['mediaPlayback'] });
    await both(join());
    await both((device) => device.setApp('background'), 1000);
    expect(naive.device.observe().microphoneCaptures).toBe(false);
    expect(keep.device.observe().microphoneCaptures).toBe(true);
  });
});

describe('A6: re-promotion after a grant', () => {
  it('the microphone granted mid-call: keepcall re-promotes, the naive service stays silent', async () => {
    const { keep, naive, both } = await pair(
      { apiLevel: 34, granted: ['POST_NOTIFICATIONS'] },
      { types: ['mediaPlayback'] },
    );
    await both(join());
    await both((device) => device.grant('RECORD_AUDIO'));
    await both((device) => device.setApp('background'), 1000);
    expect(keep.device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(keep.device.observe().microphoneCaptures).toBe(true);
    expect(naive.device.observe().microphoneCaptures).toBe(false);
  });
});

describe('A4/A6: video turned on in the background', () => {
  it('keepcall widens into the camera once the app is visible; a naive update from the background is refused', async () => {
    const { keep, naive, both } = await pair(
      { apiLevel: 34, visibilityGraceMs: 0 },
      { types: ['mediaPlayback', 'microphone'], widenOnVideo: true },
    );
    await both(join());
    await both((device) => device.setApp('background'), 60_000);
    await both((_, call) => call.emit({ type: 'media', media: { audio: true, video: true, muted: false } }));
    expect(naive.refused).toEqual(['missing-permission']);
    expect(naive.device.observe()).toMatchObject({
      crashed: null,
      service: { types: ['mediaPlayback', 'microphone'] },
      cameraCaptures: false,
    });
    expect(keep.refused).toEqual([]);
    expect(keep.device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    await both((device) => device.setApp('active'));
    await both((device) => device.setApp('background'), 60_000);
    expect(keep.device.observe()).toMatchObject({
      crashed: null,
      service: { types: ['mediaPlayback', 'microphone', 'camera'] },
      cameraCaptures: true,
    });
    expect(naive.device.observe().cameraCaptures).toBe(false);
  });
});

describe('A7: notifications blocked', () => {
  it('keepcall keeps the call alive and says why the notification is hidden', async () => {
    const { keep, naive, both } = await pair(
      { apiLevel: 34, granted: ['RECORD_AUDIO'] },
      { types: ['mediaPlayback', 'microphone'] },
    );
    await both(join());
    expect(keep.device.observe().notification?.visible).toBe(false);
    expect(keep.errors.map((e) => e.code)).toContain('notifications-blocked');
    expect(keep.device.observe().service.running).toBe(true);
    // The naive app's call is just as hidden, and nothing tells the user why.
    expect(naive.device.observe()).toMatchObject({
      service: { running: true },
      notification: { visible: false },
    });
  });
});

describe('A8/A14: the notification', () => {
  const plain = callNotification('c1', {
    actions: [],
    category: 'service',
    immediate: false,
    callStyle: false,
  });
  it("keepcall's notification shows at once and cannot be swiped away; a plain one waits and can", async () => {
    const { keep, naive, both } = await pair(
      { apiLevel: 34 },
      { notification: plain, types: ['microphone'] },
    );
    await both(join());
    expect(keep.device.observe().notification).toMatchObject({ visible: true, dismissible: false });
    expect(naive.device.observe().notification).toMatchObject({ visible: false, dismissible: true });
    keep.device.dismissNotification();
    expect(keep.device.observe().notification?.visible).toBe(true);
  });

  it('its hang-up action ends exactly the call it shows', async () => {
    const { keep } = await pair({ apiLevel: 34 });
    const other = createFakeCall('c2');
    keep.runtime.track(other);
    other.joined(keep.device.clock.now());
    await keep.settle();
    keep.call.joined(keep.device.clock.now() + 1);
    await keep.settle();
    expect(keep.device.observe().notification?.spec.callId).toBe('c1');
    keep.device.tapAction('hangup');
    await keep.settle();
    expect([keep.call.hangups, other.hangups]).toEqual([1, 0]);
    expect(keep.device.observe().notification?.spec.callId).toBe('c2');
  });
});

describe('A9: timed service types', () => {
  it('a shortService call dies after 3 minutes; keepcall never asks for one', async () => {
    const serviceTypes = [...MEDIA_MANIFEST.serviceTypes, 'shortService' as const];
    const { keep, naive, both } = await pair({ apiLevel: 34, serviceTypes }, { types: ['shortService'] });
    await both(join());
    await both(() => {}, 4 * 60_000);
    expect(naive.device.observe().crashed?.rule).toBe('A9');
    expect(keep.device.observe()).toMatchObject({ crashed: null, service: { running: true } });
  });
});

describe('A16: background audio on Android 17', () => {
  it('started in the background the call is silent; keepcall starts while visible and is heard', async () => {
    const { keep, naive, both } = await pair(
      { apiLevel: 37, app: 'background', exemptions: ['batteryOptimizationOff'] },
      { types: ['mediaPlayback'] },
    );
    await both(join(), 6000);
    await both((device) => device.setApp('active'));
    await both((device) => device.setApp('background'), 1000);
    expect(naive.device.observe().audioPlays).toBe(false);
    expect(keep.device.observe().audioPlays).toBe(true);
  });
});

describe('A17: the phoneCall profile', () => {
  it('without MANAGE_OWN_CALLS keepcall reports it and keeps the call with what it may use', async () => {
    const declared = [...MEDIA_MANIFEST.declared, 'FOREGROUND_SERVICE_PHONE_CALL'];
    const serviceTypes = ['phoneCall' as const, 'microphone' as const];
    const kd = createAndroidDevice({ apiLevel: 34, declared, serviceTypes, granted: ALL_GRANTED });
    const keep = await withKeepcall(kd, {
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
    });
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(kd.clock.now());
    await keep.settle(6000);
    expect(keep.errors.map((e) => e.message).join()).toMatch(/MANAGE_OWN_CALLS/);
    expect(keep.refused).toEqual([]);
    expect(kd.observe()).toMatchObject({ crashed: null, service: { types: ['microphone'] } });

    const nd = createAndroidDevice({
      apiLevel: 34,
      declared,
      serviceTypes,
      granted: ALL_GRANTED,
      nativeFallback: false,
    });
    const ncall = createFakeCall('c1');
    const naive = naiveAndroid(nd, ncall, { types: ['phoneCall', 'microphone'] });
    ncall.joined(nd.clock.now());
    await flush();
    nd.advance(6000);
    expect(naive.refused).toEqual(['type-not-declared']);
    expect(nd.observe().crashed?.rule).toBe('A1');
  });
});

describe('A18: activity destroyed vs task removed', () => {
  it('an activity destroyed mid-call: keepcall keeps the service; stopping in onDestroy loses the call', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 34 }, { stopOnDestroy: true });
    await both(join());
    await both((device) => device.setApp('destroyed'), 1000);
    expect(keep.device.observe()).toMatchObject({ service: { running: true }, microphoneCaptures: true });
    expect(naive.device.observe()).toMatchObject({ service: { running: false }, microphoneCaptures: false });
  });

  it('swiped from Recents: keepcall hangs up and leaves nothing behind; the naive service is orphaned', async () => {
    const { keep, naive, both } = await pair({ apiLevel: 34 });
    await both(join());
    await both((device) => device.removeTask(), 2000);
    expect(keep.call.hangups).toBe(1);
    expect(keep.device.observe().service.running).toBe(false);
    expect(naive.device.observe()).toMatchObject({
      service: { running: true },
      notification: { visible: true },
    });
  });
});

describe('reload', () => {
  it('a JavaScript reload adopts the running service instead of starting a second one or orphaning it', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const first = await withKeepcall(device);
    const call = createFakeCall('c1');
    first.runtime.track(call);
    call.joined(device.clock.now());
    await first.settle();
    first.runtime.dispose();
    device.reloadJs();
    const second = await withKeepcall(device);
    const again = createFakeCall('c1');
    second.runtime.track(again);
    again.joined(device.clock.now());
    await second.settle();
    expect(second.refused).toEqual([]);
    expect(device.observe().service.running).toBe(true);
    again.left();
    await second.settle(5000);
    await second.settle(60_000);
    expect(device.observe().service.running).toBe(false);
  });
});

describe('snapshot while the service is starting', () => {
  it('a return to the foreground during the promotion adopts the starting service, which stops after the debounce', async () => {
    // The review's sequence: API 34, promotion 300 ms late; join, leave, background and back within
    // those 300 ms, so the snapshot on return lands while the service is starting.
    const device = createAndroidDevice({
      apiLevel: 34,
      ...MEDIA_MANIFEST,
      granted: ALL_GRANTED,
      promotionDelayMs: 300,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    call.left();
    await keep.settle();
    device.setApp('background');
    await keep.settle(100);
    device.setApp('active');
    await keep.settle();
    // Like the native module, the model counts a starting service as running (KeepCallModule.snapshot).
    expect(await device.snapshot()).toMatchObject({ android: { types: ['mediaPlayback', 'microphone'] } });
    expect(keep.runtime.getState().actual.android).not.toBeNull();
    await keep.settle(60_000);
    expect(device.observe()).toMatchObject({
      crashed: null,
      service: { running: false },
      notification: null,
    });
    expect(keep.runtime.getState().actual.android).toBeNull();
  });
});

// Found by test/core/properties.test.ts once its races reached the device: after a refused or narrowed
// update, every update used to wait for the next retry moment, the notification with it. Only the
// widening waits now; what the platform cannot refuse goes at once (the Android kit's allowedPart).
describe('a held widening does not hold the notification', () => {
  it('after a widening refused by a race to the background, the mute action still follows the call there', async () => {
    const device = createAndroidDevice({
      apiLevel: 34,
      ...MEDIA_MANIFEST,
      granted: ALL_GRANTED,
      visibilityGraceMs: 0,
      promotionDelayMs: 300,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joining();
    await keep.settle(300);
    expect(device.observe().notification?.spec.actions.map((a) => a.id)).toEqual(['hangup', 'mute']);
    // The app leaves between the decision (add camera) and the update: refused (A4, A6), rightly.
    device.raceBeforeNextCommand(() => device.setApp('background'));
    call.emit({ type: 'joined', at: 1, media: { audio: true, video: true, muted: true } });
    await keep.settle();
    expect(keep.refused.map((r) => r.code)).toEqual(['missing-permission']);
    await keep.settle(10_000);
    // Invariant 5: the call is muted, so the action must read unmute.
    expect(device.observe().notification?.spec.actions.map((a) => a.id)).toEqual(['hangup', 'unmute']);
  });

  it('after a start narrowed by a revoke race, the notification moves on from a hung-up call while the app is active', async () => {
    const device = createAndroidDevice({ apiLevel: 34, ...MEDIA_MANIFEST, granted: ALL_GRANTED });
    const keep = await withKeepcall(device);
    const first = createFakeCall('a');
    const second = createFakeCall('b');
    keep.runtime.track(first);
    keep.runtime.track(second);
    // RECORD_AUDIO revoked between the decision and the start: keepcall's service narrows (A1, A4).
    device.raceBeforeNextCommand(() => device.revoke('RECORD_AUDIO'));
    first.joining();
    await keep.settle();
    expect(device.observe().service.types).toEqual(['mediaPlayback']);
    second.joining();
    await keep.settle();
    // The notification shows the most recent of the two (neither has joined yet): `b`.
    expect(device.observe().notification?.spec.callId).toBe('b');
    device.tapAction('hangup');
    await keep.settle(20_000);
    expect([first.hangups, second.hangups]).toEqual([0, 1]);
    // The notification must show the call that is still live.
    expect(device.observe().notification?.spec.callId).toBe('a');
  });
});

describe('a stop still waiting for the promotion (A1)', () => {
  it('is reported as stopped, so a call back before the promotion gets its service started again', async () => {
    const device = createAndroidDevice({
      apiLevel: 31,
      ...MEDIA_MANIFEST,
      granted: ALL_GRANTED,
      visibilityGraceMs: 0,
      promotionDelayMs: 300,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('a');
    keep.runtime.track(call);
    call.joining();
    await keep.settle();
    // Swiped away while the service starts: the stop waits for the promotion.
    device.removeTask();
    await keep.settle();
    expect(await device.snapshot()).toEqual({ android: null });
    call.joining();
    device.setApp('active');
    await keep.settle(20_000);
    expect(device.observe()).toMatchObject({ crashed: null, service: { running: true } });
    expect(keep.runtime.getState().actual.android).not.toBeNull();
  });
});
