// Android's service types as the platform allows them, and its notification always current: what the
// engine sends when the profile, the permissions or the media change in the background.
import { describe, expect, it } from 'vitest';
import { KeepCallError } from '../../src/core/errors';
import { type AndroidDeviceOptions, createAndroidDevice, createFakeCall } from '../../src/testing';
import { MEDIA_PROFILE_PERMISSIONS } from '../../src/testing/android/manifest';
import { withKeepcall } from '../testing/drivers';
import { setup, testCall, VIDEO } from './helpers';

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
    const run = port.run.bind(port);
    port.run = async (command) => {
      if (command.kind === 'service.update') {
        port.commands.push(command);
        throw new KeepCallError('missing-permission', 'SecurityException: refused');
      }
      return run(command);
    };
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
