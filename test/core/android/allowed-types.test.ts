// Android's service types as the platform allows them, and its notification always current: what the
// engine sends when the profile, the permissions or the media change in the background.
import { describe, expect, it } from 'vitest';
import type { NotificationSpec } from '../../../src/core/types';
import { createRuntime } from '../../../src/core/universal';
import {
  type AndroidDeviceOptions,
  createAndroidDevice,
  createFakeCall,
  createMemoryPort,
} from '../../../src/testing';
import { MEDIA_PROFILE_PERMISSIONS } from '../../../src/testing/android/manifest';
import { withKeepcall } from '../../testing/drivers';
import { ALL_GRANTED, callNotification } from '../../testing/helpers';
import { AUDIO, setup, testCall, VIDEO } from '../helpers';

const EVERY_TYPE = {
  declared: [...MEDIA_PROFILE_PERMISSIONS, 'FOREGROUND_SERVICE_PHONE_CALL', 'MANAGE_OWN_CALLS'],
  serviceTypes: ['mediaPlayback', 'microphone', 'camera', 'phoneCall'],
} satisfies Partial<AndroidDeviceOptions>;

async function joinedOn(options: AndroidDeviceOptions) {
  const device = createAndroidDevice(options);
  const keep = await withKeepcall(device);
  const call = createFakeCall('c1', { displayName: 'Alice' });
  keep.runtime.track(call);
  call.joined(device.clock.now());
  await keep.settle();
  return { device, call, ...keep };
}

describe('item 3: the profile switched while the app is in the background (API 34)', () => {
  it('sends no update the platform refuses, keeps the notification current, re-promotes when visible', async () => {
    const { device, call, runtime, refused, errors, settle } = await joinedOn({
      apiLevel: 34,
      ...EVERY_TYPE,
      granted: ['POST_NOTIFICATIONS'],
    });
    expect(device.observe().service.types).toEqual(['mediaPlayback']);
    device.setApp('background');
    await settle(10_000);
    const before = errors.length;
    runtime.updateConfig({ foregroundService: { android: { profile: 'phoneCall' } } });
    await settle();
    call.emit({ type: 'media', media: { audio: true, video: false, muted: true } });
    await settle();
    await settle(60_000);
    expect(refused).toEqual([]);
    // Said once, by name: the new profile waits for the app to be visible.
    expect(errors.slice(before).map((error) => error.code)).toEqual(['start-not-allowed']);
    expect(device.observe().service).toMatchObject({ running: true, types: ['mediaPlayback'] });
    expect(device.observe().notification?.spec.actions.map((action) => action.id)).toContain('unmute');

    device.setApp('active');
    await settle();
    expect(device.observe().service.types).toEqual(['phoneCall']);
    expect(refused).toEqual([]);
  });
});

describe('item 3: an update the device keeps refusing', () => {
  it('is tried once, then only at a retry moment: no storm on every later event', async () => {
    const { runtime, port, errors } = await setup({ app: 'active' });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: VIDEO });
    await runtime.idle();
    port.fail('service.update', 'missing-permission', {
      message: 'SecurityException: refused',
      times: Infinity,
    });
    const sent = port.commands.length;
    for (const muted of [true, false, true]) {
      call.emit({ type: 'media', media: { ...VIDEO, muted } });
      await runtime.idle();
    }
    // The update, then the part of it the device should not refuse (the notification): both refused.
    expect(port.commands.length - sent).toBe(2);
    expect(errors().length).toBe(2);
    runtime.dispatch({ type: 'app', state: 'background' });
    runtime.dispatch({ type: 'app', state: 'active' });
    await runtime.idle();
    expect(port.commands.length - sent).toBe(4);
  });
});

describe('item 4: no type of the profile is usable (API 34)', () => {
  it('the running service keeps the types it may still hold, and its notification stays current', async () => {
    const { device, call, runtime, settle, errors, refused } = await joinedOn({
      apiLevel: 34,
      declared: [...MEDIA_PROFILE_PERMISSIONS],
      serviceTypes: ['mediaPlayback', 'microphone', 'camera', 'phoneCall'],
      granted: ['POST_NOTIFICATIONS'],
    });
    expect(device.observe().service.types).toEqual(['mediaPlayback']);
    // phoneCall is not declared: nothing of the new profile is usable. The manifest declares media, so
    // this is the profile conflict (core/android/policy.ts androidProfile): said once, naming both
    // places, and the manifest's profile keeps the call.
    runtime.updateConfig({ foregroundService: { android: { profile: 'phoneCall' } } });
    await settle();
    expect(errors.map((error) => error.code)).toContain('invalid-config');
    expect(errors.find((error) => error.code === 'invalid-config')?.message).toContain(
      'foregroundService.android.profile is "phoneCall"',
    );
    call.emit({ type: 'media', media: { audio: true, video: false, muted: true } });
    const other = createFakeCall('c2', { displayName: 'Bob' });
    runtime.track(other);
    other.joined(device.clock.now() + 1);
    await settle();
    expect(device.observe().service).toMatchObject({ running: true, types: ['mediaPlayback'] });
    expect(device.observe().notification?.spec).toMatchObject({ callId: 'c2', person: 'Bob' });
    other.left();
    await settle();
    expect(device.observe().notification?.spec).toMatchObject({ callId: 'c1', muted: true });
    expect(device.observe().notification?.spec.actions.map((action) => action.label)).toContain('Unmute');
    expect(refused).toEqual([]);
  });

  it('a dismissed notification is posted again', async () => {
    const { runtime, port } = await setup({
      platform: {
        os: 'android',
        apiLevel: 34,
        declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MEDIA_PLAYBACK'],
      },
    });
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    const shown = port.state.android?.notification;
    runtime.updateConfig({ foregroundService: { android: { profile: 'phoneCall' } } });
    await runtime.idle();
    runtime.dispatch({ type: 'notification.dismissed' });
    await runtime.idle();
    expect(port.commands.at(-1)).toMatchObject({ kind: 'service.update', notification: shown });
  });

  it('the only type it held is no longer allowed: it stops, saying why', async () => {
    const { device, errors, settle } = await joinedOn({
      apiLevel: 34,
      declared: ['FOREGROUND_SERVICE', 'FOREGROUND_SERVICE_MICROPHONE', 'POST_NOTIFICATIONS'],
      serviceTypes: ['microphone'],
      granted: ALL_GRANTED,
    });
    expect(device.observe().service.types).toEqual(['microphone']);
    device.revoke('RECORD_AUDIO');
    await settle();
    expect(device.observe().service.running).toBe(false);
    expect(errors.map((error) => error.message).join('\n')).toMatch(/RECORD_AUDIO is denied/);
    device.grant('RECORD_AUDIO');
    await settle();
    expect(device.observe().service).toMatchObject({ running: true, types: ['microphone'] });
  });
});

describe('item 6: a start that raced to the background holds types without while-in-use access', () => {
  for (const options of [
    { apiLevel: 30 },
    { apiLevel: 33, exemptions: ['batteryOptimizationOff' as const] },
    { apiLevel: 35, targetSdk: 33, exemptions: ['batteryOptimizationOff' as const] },
  ]) {
    it(`API ${options.apiLevel}${options.targetSdk ? ` target ${options.targetSdk}` : ''}: re-promoted at the next return to the foreground`, async () => {
      const device = createAndroidDevice({
        ...EVERY_TYPE,
        granted: ALL_GRANTED,
        visibilityGraceMs: 0,
        ...options,
      });
      const keep = await withKeepcall(device);
      const call = createFakeCall('c1');
      keep.runtime.track(call);
      device.raceBeforeNextCommand(() => device.setApp('background'));
      call.joined(device.clock.now());
      await keep.settle();
      expect(device.observe().service.types).toContain('microphone');
      expect(device.observe().microphoneCaptures).toBe(false);
      device.setApp('active');
      await keep.settle(60_000);
      device.setApp('background');
      await keep.settle(1000);
      expect(device.observe().microphoneCaptures).toBe(true);
      expect(device.observe().service.types).toContain('microphone');
      expect(keep.refused).toEqual([]);
    });
  }
});

describe('item 4 in the background: none of the held types wanted, one no longer allowed (API 30)', () => {
  it('narrows to the types still allowed instead of keeping the revoked one', async () => {
    // A service found running with the microphone; the app is in the background, RECORD_AUDIO is
    // denied and the profile is phoneCall: none of its types is the profile's, the microphone is not allowed.
    const port = createMemoryPort({
      android: {
        notification: callNotification('c1') as NotificationSpec,
        types: ['mediaPlayback', 'microphone'],
      },
    });
    const runtime = createRuntime({
      port,
      platform: { os: 'android', apiLevel: 30, targetSdk: 30, declared: [...EVERY_TYPE.declared] },
      app: 'background',
      permissions: { microphone: 'denied', camera: 'granted', notifications: 'granted' },
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
    });
    await runtime.start();
    const call = testCall('c1');
    runtime.track(call);
    call.emit({ type: 'joined', at: 1, media: AUDIO });
    await runtime.idle();
    expect(port.state.android?.types).toEqual(['mediaPlayback']);
  });
});

describe('item 6 after a JavaScript reload', () => {
  it('a service adopted on API 30 is promoted again at the next return to the foreground', async () => {
    const device = createAndroidDevice({
      apiLevel: 30,
      ...EVERY_TYPE,
      granted: ALL_GRANTED,
      visibilityGraceMs: 0,
    });
    const first = await withKeepcall(device);
    const before = createFakeCall('c1');
    first.runtime.track(before);
    device.raceBeforeNextCommand(() => device.setApp('background'));
    before.joined(device.clock.now());
    await first.settle();
    expect(device.observe().microphoneCaptures).toBe(false);
    first.runtime.dispose();
    device.reloadJs();
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    call.joined(device.clock.now());
    await keep.settle();
    device.setApp('active');
    await keep.settle(60_000);
    device.setApp('background');
    await keep.settle(1000);
    expect(device.observe().microphoneCaptures).toBe(true);
    expect(keep.refused).toEqual([]);
  });
});

describe('A4–A6: a microphone-only service started as the app left the screen (API 31, target 30)', () => {
  it('is promoted again when the app is visible, so the microphone records in the background (seed 102598)', async () => {
    const device = createAndroidDevice({
      apiLevel: 31,
      targetSdk: 30,
      declared: [...MEDIA_PROFILE_PERMISSIONS],
      serviceTypes: ['microphone'],
      granted: ALL_GRANTED,
    });
    const keep = await withKeepcall(device);
    const call = createFakeCall('c1');
    keep.runtime.track(call);
    // The app leaves the screen, beyond the visibility grace, just before the start.
    device.raceBeforeNextCommand(() => {
      device.setApp('background');
      device.advance(6000);
    });
    call.joined(device.clock.now());
    await keep.settle();
    expect(device.observe().service.types).toEqual(['microphone']);
    device.setApp('active');
    await keep.settle(20_000);
    device.setApp('background');
    await keep.settle(60_000);
    expect(device.observe().service.types).toEqual(['microphone']);
    expect(device.observe().microphoneCaptures).toBe(true);
  });
});

describe('a type the call wants but the manifest does not declare (API 34, A3)', () => {
  it('is said once while it lasts, naming the permission and the Expo option; the camera type stays out', async () => {
    const { device, call, errors, settle } = await joinedOn({
      apiLevel: 34,
      declared: MEDIA_PROFILE_PERMISSIONS.filter((name) => name !== 'FOREGROUND_SERVICE_CAMERA'),
      serviceTypes: ['mediaPlayback', 'microphone', 'camera'],
      granted: ALL_GRANTED,
    });
    const undeclared = () =>
      errors.filter((error) => error.message.startsWith('FOREGROUND_SERVICE_CAMERA is not declared'));
    expect(undeclared()).toEqual([]);
    // Video on, then every pass the engine makes while it lasts: mute, background, foreground.
    call.emit({ type: 'media', media: { audio: true, video: true, muted: false } });
    await settle();
    call.emit({ type: 'media', media: { audio: true, video: true, muted: true } });
    device.setApp('background');
    await settle();
    device.setApp('active');
    await settle();
    expect(device.observe().service.types).toEqual(['mediaPlayback', 'microphone']);
    expect(undeclared().map((error) => [error.code, error.message])).toEqual([
      [
        'type-not-declared',
        expect.stringContaining("declare it, or set the Expo plugin's androidKeepCallAlive.camera: true"),
      ],
    ]);
  });
});
