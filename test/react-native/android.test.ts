// Full calls through keepcall's React Native binding on the Android model, API 29–37: the binding
// talks to the model only through the TurboModule spec, as it talks to the Kotlin module.
import { describe, expect, it } from 'vitest';
import { createAndroidDevice, createFakeCall, MEDIA_PROFILE_PERMISSIONS } from '../../src/testing';
import { startApp } from './modelNative';

const MEDIA_MANIFEST = {
  declared: [...MEDIA_PROFILE_PERMISSIONS],
  serviceTypes: ['mediaPlayback', 'microphone', 'camera'] as const,
};
const ALL_GRANTED = ['RECORD_AUDIO', 'CAMERA', 'POST_NOTIFICATIONS'] as const;

type Granted = readonly ('RECORD_AUDIO' | 'CAMERA' | 'POST_NOTIFICATIONS')[];

function device(apiLevel: number, granted: Granted = ALL_GRANTED, visibilityGraceMs?: number) {
  return createAndroidDevice({
    apiLevel,
    ...MEDIA_MANIFEST,
    serviceTypes: [...MEDIA_MANIFEST.serviceTypes],
    granted: [...granted],
    ...(visibilityGraceMs !== undefined && { visibilityGraceMs }),
  });
}

describe.each([29, 30, 31, 32, 33, 34, 35, 36, 37])('API %i', (apiLevel) => {
  it('join → background → notification → mute from it → hang up from it', async () => {
    const phone = device(apiLevel);
    const app = startApp(phone);
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    await app.settle(1000);

    const seen = phone.observe();
    expect(seen.crashed).toBeNull();
    expect(seen.processAlive).toBe(true);
    expect(seen.service).toMatchObject({ running: true, foreground: true });
    // microphone exists as a type from API 30 (A5); a voice call never asks for camera.
    expect([...seen.service.types].sort()).toEqual(
      apiLevel >= 30 ? ['mediaPlayback', 'microphone'] : ['mediaPlayback'],
    );
    expect(seen.notification).toMatchObject({ visible: true, dismissible: false });
    expect(seen.notification?.spec).toMatchObject({
      person: 'Alice',
      category: 'call',
      callStyle: apiLevel >= 31,
    });
    expect(seen.microphoneCaptures).toBe(true);

    phone.tapAction('mute');
    await app.settle();
    expect(call.muteCalls).toEqual([true]);
    expect(phone.observe().notification?.spec.actions.map((a) => a.id)).toContain('unmute');

    phone.tapAction('hangup');
    await app.settle(5000);
    expect(call.hangups).toBe(1);
    expect(phone.observe()).toMatchObject({ crashed: null, notification: null, service: { running: false } });
    expect(app.calls.filter((name) => name === 'startService')).toHaveLength(1);
    expect(app.errors).toEqual([]);
  });
});

describe('permission denied', () => {
  it('RECORD_AUDIO denied on API 34: no crash, the service runs with a narrower type set', async () => {
    const phone = device(34, ['POST_NOTIFICATIONS']);
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    await app.settle(10_000);
    expect(phone.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback'] },
    });
  });

  it('revoked between the decision and the start: a named error, a narrower type set, no crash', async () => {
    const phone = device(34);
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    phone.raceBeforeNextCommand(() => phone.revoke('RECORD_AUDIO'));
    call.joined(phone.clock.now());
    await app.settle(10_000);
    expect(phone.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback'] },
    });
    expect(app.errors).toContain('missing-permission');
    expect(app.KeepCall.getState().actual.android?.types).toEqual(['mediaPlayback']);
  });
});

describe('a start attempted from the background', () => {
  it('is deferred until the app is visible, then runs', async () => {
    const phone = device(35);
    phone.setApp('background');
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(2000);
    expect(phone.observe().service.running).toBe(false);
    // Never attempted (no refusal), but the app is told once why the call is not kept yet.
    expect(app.calls).not.toContain('startService');
    expect(app.errors).toEqual(['start-not-allowed']);

    phone.setApp('active');
    await app.settle();
    expect(phone.observe()).toMatchObject({ crashed: null, service: { running: true } });
  });

  it('a race (the app left just before the start) is named and recovered on return', async () => {
    const phone = device(34, ALL_GRANTED, 0);
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    phone.raceBeforeNextCommand(() => phone.setApp('background'));
    call.joined(phone.clock.now());
    await app.settle(6000);
    expect(app.errors).toContain('start-not-allowed');
    expect(phone.observe()).toMatchObject({ crashed: null, service: { running: false } });
    phone.setApp('active');
    await app.settle();
    expect(phone.observe().service.running).toBe(true);
  });
});

describe('JavaScript reloaded mid-call', () => {
  it('adopts the running service: no second start, and leaving still stops it', async () => {
    const phone = device(34);
    const first = startApp(phone);
    const before = createFakeCall('c1', { displayName: 'Alice' });
    first.KeepCall.track(before);
    before.joined(phone.clock.now());
    await first.settle();
    expect(phone.observe().service.running).toBe(true);

    const app = first.reload();
    await app.settle();
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle(1000);
    expect(app.calls).not.toContain('startService');
    expect(app.KeepCall.getState().actual.android).not.toBeNull();
    expect(phone.observe()).toMatchObject({ crashed: null, service: { running: true } });

    call.left();
    // The adopted keeper is held for the adoption grace (the app may re-track its call), then stops.
    await app.settle(10_000);
    expect(phone.observe()).toMatchObject({ notification: null, service: { running: false } });
  });

  it('a service no call claims after the reload is stopped, not orphaned', async () => {
    const phone = device(34);
    const first = startApp(phone);
    const call = createFakeCall('c1');
    first.KeepCall.track(call);
    call.joined(phone.clock.now());
    await first.settle();
    const app = first.reload();
    await app.settle(30_000);
    expect(phone.observe()).toMatchObject({ crashed: null, notification: null, service: { running: false } });
  });
});

describe('native-only app states', () => {
  it('picture-in-picture counts as visible although React Native says background', async () => {
    const phone = device(34);
    const app = startApp(phone);
    await app.settle();
    phone.setApp('pip');
    await app.settle();
    expect(app.KeepCall.getState().model.app).toBe('pip');
    phone.setApp('active');
    await app.settle();
    expect(app.KeepCall.getState().model.app).toBe('active');
  });

  it('the task swiped away ends the call and the service (endOnTaskRemoved)', async () => {
    const phone = device(34);
    const app = startApp(phone);
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    phone.removeTask();
    await app.settle(5000);
    expect(call.hangups).toBe(1);
    expect(phone.observe().service.running).toBe(false);
  });
});

describe('app state and permissions come from the native module (the Activity lifecycle)', () => {
  it('a permission dialog (paused, not stopped) does not hold back the start; what it grants widens the service', async () => {
    const phone = device(34, ['POST_NOTIFICATIONS']);
    const app = startApp(phone);
    await app.settle();
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    // The calling SDK asks for RECORD_AUDIO as it joins: React Native's AppState says `background`.
    phone.setApp('inactive');
    call.joined(phone.clock.now());
    await app.settle();
    expect(app.KeepCall.getState().model.app).toBe('active');
    expect(phone.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback'] },
    });

    phone.grant('RECORD_AUDIO');
    phone.setApp('active');
    await app.settle();
    phone.setApp('background');
    await app.settle(1000);
    expect(phone.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback', 'microphone'] },
      microphoneCaptures: true,
    });
    expect(app.errors).not.toContain('start-not-allowed');
  });

  it('a permission granted in Settings while away is picked up when the app is active again', async () => {
    const phone = device(34, ['POST_NOTIFICATIONS']);
    const app = startApp(phone);
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    await app.settle(1000);
    expect(phone.observe().microphoneCaptures).toBe(false);

    phone.grant('RECORD_AUDIO');
    await app.settle();
    // Nothing tells the app while it is away; the module reads the permissions again at `active`.
    expect(app.KeepCall.getState().model.permissions.microphone).toBe('denied');
    phone.setApp('active');
    await app.settle();
    expect(app.KeepCall.getState().model.permissions.microphone).toBe('granted');
    phone.setApp('background');
    await app.settle(1000);
    expect(phone.observe()).toMatchObject({
      crashed: null,
      service: { running: true, types: ['mediaPlayback', 'microphone'] },
      microphoneCaptures: true,
    });
  });

  it('the first start already knows the permissions: one start with the microphone, no update', async () => {
    const phone = device(34);
    const app = startApp(phone);
    const call = createFakeCall('c1');
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    expect(app.calls.filter((name) => name.endsWith('Service'))).toEqual(['startService']);
    expect(phone.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
  });

  it.each([
    [32, 'granted', true],
    [33, 'denied', false],
  ] as const)(
    'API %i without POST_NOTIFICATIONS: notifications are %s from the start',
    async (apiLevel, value, visible) => {
      const phone = device(apiLevel, ['RECORD_AUDIO']);
      const app = startApp(phone);
      expect(app.KeepCall.getState().model.permissions).toEqual({
        microphone: 'granted',
        camera: 'denied',
        notifications: value,
      });
      const call = createFakeCall('c1');
      app.KeepCall.track(call);
      call.joined(phone.clock.now());
      await app.settle();
      phone.setApp('background');
      await app.settle(1000);
      expect(phone.observe()).toMatchObject({ crashed: null, service: { running: true } });
      expect(phone.observe().notification?.visible).toBe(visible);
    },
  );

  it('a JavaScript reload in the background starts from `background`, and the return to the app from `active`', async () => {
    const phone = device(34);
    const first = startApp(phone);
    await first.settle();
    phone.setApp('background');
    await first.settle();
    const app = first.reload();
    expect(app.KeepCall.getState().model.app).toBe('background');
    phone.setApp('active');
    await app.settle();
    expect(app.KeepCall.getState().model.app).toBe('active');
  });
});

describe('the notification an app shapes, through the TurboModule', () => {
  it('the tap target and the app’s buttons go down; the tap and a press come back to KeepCall.on with the call id', async () => {
    const phone = device(34);
    const app = startApp(phone);
    app.KeepCall.updateConfig({
      foregroundService: {
        android: {
          tap: { kind: 'uri', uri: 'example://call/c1' },
          muteAction: false,
          actions: [
            { id: 'raise-hand', label: 'Raise hand' },
            { id: 'take-note', label: 'Take a note' },
          ],
        },
      },
    });
    const heard: unknown[] = [];
    app.KeepCall.on((event) => {
      if (event.type === 'tap' || event.type === 'action') heard.push(event);
    });
    const call = createFakeCall('c1', { displayName: 'Alice' });
    app.KeepCall.track(call);
    call.joined(phone.clock.now());
    await app.settle();
    phone.setApp('background');
    await app.settle(1000);

    const spec = phone.observe().notification?.spec;
    expect(spec?.tap).toEqual({ kind: 'uri', uri: 'example://call/c1' });
    expect(spec?.actions).toEqual([
      { id: 'hangup', label: 'Hang up' },
      { kind: 'app', id: 'raise-hand', label: 'Raise hand' },
      { kind: 'app', id: 'take-note', label: 'Take a note' },
    ]);
    phone.tapAction('take-note');
    await app.settle();
    expect(phone.tapNotification()).toEqual({ kind: 'uri', uri: 'example://call/c1' });
    await app.settle();
    expect(heard).toEqual([
      { type: 'action', callId: 'c1', id: 'take-note' },
      { type: 'tap', callId: 'c1' },
    ]);
    expect(call.hangups).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
