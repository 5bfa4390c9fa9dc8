// Permission-name checking (rule A13), and the guarantee that keepcall itself never writes an unknown name.
import { describe, expect, test } from 'vitest';
import { checkPermissionName } from '../../src/cli/doctor/android-permissions';
import { resolvePluginProps } from '../../src/plugin/props';
import { androidRequirements, TYPE_PERMISSION, TYPE_RUNTIME_PERMISSION } from '../../src/plugin/requirements';

describe('checkPermissionName', () => {
  test('real names pass, in any namespace Android does not own too', () => {
    for (const name of [
      'android.permission.FOREGROUND_SERVICE_MICROPHONE',
      'android.permission.POST_NOTIFICATIONS',
      'android.permission.MANAGE_DEVICE_POLICY_CAMERA',
      // Checked against the API 37 SDK's Manifest.permission: old, rare and new names alike.
      'android.permission.INSTANT_APP_FOREGROUND_SERVICE',
      'android.permission.ACCESS_LOCAL_NETWORK',
      'android.permission.USE_LOCATION_BUTTON',
      'com.google.android.c2dm.permission.RECEIVE',
      'com.example.app.permission.C2D_MESSAGE',
    ]) {
      expect(checkPermissionName(name), name).toBeNull();
    }
  });

  const typos: [string, string][] = [
    [
      'android.permission.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK',
      'android.permission.FOREGROUND_SERVICE_MEDIA_PLAYBACK',
    ],
    ['android.permission.FOREGROUND_SERVICE_MICROPHONES', 'android.permission.FOREGROUND_SERVICE_MICROPHONE'],
    ['android.permission.POST_NOTIFICATION', 'android.permission.POST_NOTIFICATIONS'],
    ['android.permission.record_audio', 'android.permission.RECORD_AUDIO'],
    ['FOREGROUND_SERVICE_CAMERA', 'android.permission.FOREGROUND_SERVICE_CAMERA'],
  ];
  test.each(typos)('%s is flagged, suggesting %s', (name, suggestion) => {
    expect(checkPermissionName(name)?.suggestion).toBe(suggestion);
  });

  test('a name nothing resembles is flagged without a guess', () => {
    const verdict = checkPermissionName('android.permission.TELEPORT');
    expect(verdict?.reason).toBe('Android has no permission by that name');
    expect(verdict?.suggestion).toBeUndefined();
  });
});

test('every permission the plugin writes or the doctor asks for is a real Android name', () => {
  const names = new Set<string>([
    ...Object.values(TYPE_PERMISSION),
    ...Object.values(TYPE_RUNTIME_PERMISSION),
  ]);
  for (const android of [true, { camera: false }, { profile: 'phoneCall' as const }]) {
    for (const name of androidRequirements(resolvePluginProps({ androidKeepCallAlive: android }))
      ?.permissions ?? []) {
      names.add(name);
    }
  }
  expect(names.size).toBeGreaterThan(15);
  for (const name of names) expect(checkPermissionName(`android.permission.${name}`), name).toBeNull();
});
