// One source for the Android profile: the manifest the Expo plugin (or the app) wrote says which profile is
// declared, the native module reports it (getPlatformInfo's `declared`), and the JavaScript profile follows
// it unless set; a set profile the manifest cannot run is reported once, naming both places and the fix.
import { describe, expect, it } from 'vitest';
import { androidProfile, manifestProfile } from '../../../src/core/android/policy';
import type { FgsProfile } from '../../../src/core/types';
import { androidRequirements, parsePluginProps, resolvePluginProps } from '../../../src/plugin';
import { createAndroidDevice, createFakeCall } from '../../../src/testing';
import { withKeepcall } from '../drivers';

const MICROPHONE_DENIED =
  'RECORD_AUDIO is denied (A4): no microphone type, so the microphone is silent in the background (A5)';

/** The manifest the plugin writes for `profile`, on an API 34 device; the microphone not granted (the case). */
async function appFromPlugin(profile: FgsProfile, config?: { profile: FgsProfile }) {
  const needs = androidRequirements(
    resolvePluginProps(parsePluginProps({ androidKeepCallAlive: { profile } })),
  );
  if (!needs) throw new Error('the plugin asked for no Android requirements');
  const device = createAndroidDevice({
    apiLevel: 34,
    declared: needs.permissions,
    serviceTypes: needs.types,
    granted: ['POST_NOTIFICATIONS'],
  });
  const keep = await withKeepcall(device);
  if (config) keep.runtime.updateConfig({ foregroundService: { android: config } });
  const call = createFakeCall('c1', { displayName: 'Alice' });
  keep.runtime.track(call);
  call.joined(device.clock.now());
  await keep.settle();
  return { device, call, ...keep };
}

describe('the Android profile follows the manifest', () => {
  it('plugin phoneCall, no JavaScript profile: the service starts with the phoneCall type, no error', async () => {
    const app = await appFromPlugin('phoneCall');
    expect(app.device.observe().service).toMatchObject({ running: true, types: ['phoneCall'] });
    // Only the microphone's own note (it is not granted), nothing about the profile or declarations.
    expect(app.errors.map((error) => error.message)).toEqual([MICROPHONE_DENIED]);
  });

  it('plugin media, no JavaScript profile: mediaPlayback, as before', async () => {
    const app = await appFromPlugin('media');
    expect(app.device.observe().service).toMatchObject({ running: true, types: ['mediaPlayback'] });
    expect(app.errors.map((error) => error.message)).toEqual([MICROPHONE_DENIED]);
  });

  it('an explicit profile the manifest does not declare: one error naming both places and the fix', async () => {
    const app = await appFromPlugin('phoneCall', { profile: 'media' });
    // The call is still kept alive with what the manifest declares.
    expect(app.device.observe().service).toMatchObject({ running: true, types: ['phoneCall'] });
    // More of the call (a mute, time passing) does not repeat it.
    await app.call.setMuted(true);
    await app.settle(5000);
    const profileErrors = app.errors.filter((error) => error.message !== MICROPHONE_DENIED);
    expect(profileErrors.map((error) => error.code)).toEqual(['invalid-config']);
    const message = profileErrors[0]?.message ?? '';
    expect(message).toContain('foregroundService.android.profile is "media" in KeepCall.updateConfig');
    expect(message).toContain('androidKeepCallAlive.profile');
    expect(message).toContain('FOREGROUND_SERVICE_PHONE_CALL and MANAGE_OWN_CALLS');
    expect(message).toContain('remove profile from updateConfig');
    // Not the wrong fix the issue saw: declaring media's permission.
    expect(message).not.toMatch(/declare FOREGROUND_SERVICE_MEDIA_PLAYBACK/);
  });

  it('null goes back to the manifest’s profile and the conflict is gone', async () => {
    const app = await appFromPlugin('phoneCall', { profile: 'media' });
    app.runtime.updateConfig({ foregroundService: { android: { profile: null } } });
    await app.settle();
    expect(app.device.observe().service).toMatchObject({ running: true, types: ['phoneCall'] });
    expect(app.errors.filter((error) => error.code === 'invalid-config')).toHaveLength(1);
    // Set again later, it is reported again: a new conflict, not a repeat.
    app.runtime.updateConfig({ foregroundService: { android: { profile: 'media' } } });
    await app.settle();
    expect(app.errors.filter((error) => error.code === 'invalid-config')).toHaveLength(2);
  });
});

describe('manifestProfile (the rule)', () => {
  const MEDIA = ['FOREGROUND_SERVICE_MEDIA_PLAYBACK'];
  const PHONE = ['FOREGROUND_SERVICE_PHONE_CALL', 'MANAGE_OWN_CALLS'];
  it.each([
    [PHONE, undefined, 'phoneCall'],
    [MEDIA, undefined, 'media'],
    [[...MEDIA, ...PHONE], undefined, 'media'],
    [['FOREGROUND_SERVICE_PHONE_CALL'], undefined, null],
    [[], undefined, null],
    // The service's own types decide too: phoneCall declared but not on the service is not the profile.
    [PHONE, ['mediaPlayback', 'microphone'], null],
    [[...MEDIA, ...PHONE], ['phoneCall', 'microphone'], 'phoneCall'],
  ] as const)('%j with service types %j → %s', (declared, serviceTypes, expected) => {
    expect(manifestProfile({ declared, serviceTypes })).toBe(expected);
  });

  it('an explicit profile among the declared ones is taken without a note', () => {
    const model = {
      config: { foregroundService: { android: { profile: 'phoneCall' } } },
      platform: {
        declared: ['FOREGROUND_SERVICE_MEDIA_PLAYBACK', 'FOREGROUND_SERVICE_PHONE_CALL', 'MANAGE_OWN_CALLS'],
      },
    } as unknown as Parameters<typeof androidProfile>[0];
    expect(androidProfile(model)).toEqual({ profile: 'phoneCall' });
  });
});
