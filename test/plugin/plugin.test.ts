// The config plugin on the real Expo template, run through Expo's mod compiler as `expo prebuild` runs it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  DEFAULT_CAMERA_PERMISSION,
  DEFAULT_MICROPHONE_PERMISSION,
  KEEPCALL_SERVICE,
  withKeepCall,
} from '../../src/plugin/index';
import { readInfoPlist, readManifest } from './read-native';
import { copyTemplate, INFO_PLIST, MANIFEST, prebuild, read, templateConfig } from './template';

const P = (name: string) => `android.permission.${name}`;
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});
function app(): string {
  const { root, cleanup } = copyTemplate();
  cleanups.push(cleanup);
  return root;
}

describe('Android', () => {
  test('androidKeepCallAlive: true declares the media profile, keeps the app’s own permissions', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, { androidKeepCallAlive: true }]]);
    const { permissions, services, tools } = await readManifest(root);
    for (const name of [
      'FOREGROUND_SERVICE',
      'FOREGROUND_SERVICE_MICROPHONE',
      'FOREGROUND_SERVICE_CAMERA',
      'FOREGROUND_SERVICE_MEDIA_PLAYBACK',
      'POST_NOTIFICATIONS',
      'WAKE_LOCK',
      'RECORD_AUDIO',
      'CAMERA',
    ]) {
      expect(permissions).toContain(P(name));
    }
    expect(permissions).not.toContain(P('FOREGROUND_SERVICE_PHONE_CALL'));
    expect(permissions).toContain(P('INTERNET'));
    expect(permissions).toContain(P('VIBRATE'));
    expect(new Set(permissions).size).toBe(permissions.length);
    expect(tools).toBe('http://schemas.android.com/tools');
    expect(services[KEEPCALL_SERVICE]).toEqual({
      'android:name': KEEPCALL_SERVICE,
      'android:exported': 'false',
      'android:foregroundServiceType': 'mediaPlayback|microphone|camera',
      'tools:replace': 'android:foregroundServiceType',
    });
  });

  test('object form { camera: false } narrows an audio-only app: no camera type, no CAMERA', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, { androidKeepCallAlive: { camera: false } }]]);
    const { permissions, services } = await readManifest(root);
    expect(permissions).not.toContain(P('FOREGROUND_SERVICE_CAMERA'));
    expect(permissions).not.toContain(P('CAMERA'));
    expect(permissions).toContain(P('RECORD_AUDIO'));
    expect(services[KEEPCALL_SERVICE]?.['android:foregroundServiceType']).toBe('mediaPlayback|microphone');
  });

  test('profile phoneCall adds FOREGROUND_SERVICE_PHONE_CALL and MANAGE_OWN_CALLS (A17)', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, { androidKeepCallAlive: { profile: 'phoneCall' } }]]);
    const { permissions, services } = await readManifest(root);
    expect(permissions).toContain(P('FOREGROUND_SERVICE_PHONE_CALL'));
    expect(permissions).toContain(P('MANAGE_OWN_CALLS'));
    expect(permissions).not.toContain(P('FOREGROUND_SERVICE_MEDIA_PLAYBACK'));
    expect(services[KEEPCALL_SERVICE]?.['android:foregroundServiceType']).toBe('phoneCall|microphone|camera');
  });

  test('without androidKeepCallAlive the manifest is left as it was', async () => {
    const root = app();
    const before = read(root, MANIFEST);
    await prebuild(root, [[withKeepCall, { iosKeepCallAlive: true }]]);
    expect(read(root, MANIFEST)).toBe(before);
  });

  test('an existing tools:replace on the service is extended, not lost', async () => {
    const root = app();
    const manifest = read(root, MANIFEST).replace(
      '<activity ',
      `<service android:name="${KEEPCALL_SERVICE}" android:stopWithTask="true" tools:replace="android:stopWithTask"/>\n    <activity `,
    );
    writeFileSync(join(root, MANIFEST), manifest);
    await prebuild(root, [[withKeepCall, { androidKeepCallAlive: true }]]);
    const service = (await readManifest(root)).services[KEEPCALL_SERVICE];
    expect(service?.['tools:replace']).toBe('android:stopWithTask,android:foregroundServiceType');
    expect(service?.['android:stopWithTask']).toBe('true');
  });
});

describe('iOS', () => {
  test('audio always; voip with iosKeepCallAlive; default usage texts when the app has none', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, { iosKeepCallAlive: true }]]);
    const plist = readInfoPlist(root);
    expect(plist.UIBackgroundModes).toEqual(['audio', 'voip']);
    expect(plist.NSMicrophoneUsageDescription).toBe(DEFAULT_MICROPHONE_PERMISSION);
    expect(plist.NSCameraUsageDescription).toBe(DEFAULT_CAMERA_PERMISSION);
    expect(plist.CFBundleName).toBe('$(PRODUCT_NAME)');
  });

  test('without iosKeepCallAlive only audio is added; configured texts are used; false leaves one out', async () => {
    const root = app();
    await prebuild(root, [
      [
        withKeepCall,
        { microphonePermission: 'Your team hears you through the microphone', cameraPermission: false },
      ],
    ]);
    const plist = readInfoPlist(root);
    expect(plist.UIBackgroundModes).toEqual(['audio']);
    expect(plist.NSMicrophoneUsageDescription).toBe('Your team hears you through the microphone');
    expect(plist).not.toHaveProperty('NSCameraUsageDescription');
  });

  test('never overwrites the app’s own usage texts or drops its background modes', async () => {
    const root = app();
    const config = templateConfig(root);
    config.ios = {
      infoPlist: {
        NSCameraUsageDescription: 'Show your face to the doctor',
        UIBackgroundModes: ['fetch', 'audio'],
      },
    };
    await prebuild(
      root,
      [[withKeepCall, { iosKeepCallAlive: true, cameraPermission: 'a plugin text' }]],
      config,
    );
    const plist = readInfoPlist(root);
    expect(plist.NSCameraUsageDescription).toBe('Show your face to the doctor');
    expect(plist.UIBackgroundModes).toEqual(['fetch', 'audio', 'voip']);
  });
  test('a configured text later replaces keepcall’s own default, but not a text the app wrote', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, {}]]);
    expect(readInfoPlist(root).NSMicrophoneUsageDescription).toBe(DEFAULT_MICROPHONE_PERMISSION);
    await prebuild(root, [[withKeepCall, { microphonePermission: 'Talk to your coach' }]]);
    expect(readInfoPlist(root).NSMicrophoneUsageDescription).toBe('Talk to your coach');
    await prebuild(root, [[withKeepCall, { microphonePermission: 'Another text' }]]);
    expect(readInfoPlist(root).NSMicrophoneUsageDescription).toBe('Talk to your coach');
  });
});

describe('idempotence', () => {
  test('a second prebuild over the generated projects changes no byte', async () => {
    const root = app();
    const props = { androidKeepCallAlive: { profile: 'phoneCall' as const }, iosKeepCallAlive: true };
    await prebuild(root, [[withKeepCall, props]]);
    const once = [read(root, MANIFEST), read(root, INFO_PLIST)];
    await prebuild(root, [[withKeepCall, props]]);
    expect([read(root, MANIFEST), read(root, INFO_PLIST)]).toEqual(once);
  });

  test('the plugin listed twice gives the same files as listed once', async () => {
    const props = { androidKeepCallAlive: true, iosKeepCallAlive: true };
    const a = app();
    const b = app();
    await prebuild(a, [[withKeepCall, props]]);
    await prebuild(b, [
      [withKeepCall, props],
      [withKeepCall, props],
    ]);
    expect(read(b, MANIFEST)).toBe(read(a, MANIFEST));
    expect(read(b, INFO_PLIST)).toBe(read(a, INFO_PLIST));
  });
});

describe('bad props', () => {
  const cases: [unknown, RegExp][] = [
    [
      { androidKeepCallAliv: true },
      /unknown prop "androidKeepCallAliv"; allowed: androidKeepCallAlive, iosKeepCallAlive/,
    ],
    [{ androidKeepCallAlive: 'yes' }, /androidKeepCallAlive is "yes"; expected true, false, or an object/],
    [
      { androidKeepCallAlive: { profile: 'phonecall' } },
      /androidKeepCallAlive.profile is "phonecall"; expected "media" or "phoneCall"/,
    ],
    [
      { androidKeepCallAlive: { audioOnly: true } },
      /unknown prop "audioOnly" in androidKeepCallAlive; allowed: profile, camera/,
    ],
    [{ iosKeepCallAlive: 1 }, /iosKeepCallAlive is 1; expected true or false/],
    [
      { microphonePermission: '' },
      /microphonePermission is ""; expected a non-empty microphone usage text, or false/,
    ],
    [
      { cameraPermission: true },
      /cameraPermission is true; expected a non-empty camera usage text, or false/,
    ],
    [
      { microphonePermission: '   ' },
      /microphonePermission is " {3}"; expected a non-empty microphone usage text, or false/,
    ],
    [
      { profiles: 'media', cameras: false, androidKeepCallAlive: { profil: 'media', camra: true } },
      /unknown props "profiles", "cameras"; allowed: .*; unknown props "profil", "camra" in androidKeepCallAlive; allowed: profile, camera/,
    ],
    [
      { iosKeepCallAliv: true, androidKeepCallAlive: 'yes' },
      /unknown prop "iosKeepCallAliv"; allowed: .*; androidKeepCallAlive is "yes"; expected true, false/,
    ],
    [['androidKeepCallAlive'], /the props are \["androidKeepCallAlive"\]; expected an object/],
  ];
  test.each(cases)('%j is rejected naming the prop, the value and what is allowed', (props, message) => {
    const root = app();
    // Typed loosely on purpose: an app.json is not type-checked either.
    const run = () => prebuild(root, [[withKeepCall, props as never]]);
    return expect(run()).rejects.toThrow(message);
  });

  test('no props at all is valid: iOS audio and usage texts only', async () => {
    const root = app();
    // What Expo passes for a bare "keepcall" entry in "plugins".
    await prebuild(root, [[withKeepCall, undefined]]);
    expect(readInfoPlist(root).UIBackgroundModes).toEqual(['audio']);
  });
});

describe('the library manifest', () => {
  test('declares the service the plugin overrides, with every type a profile may use', async () => {
    const { readFileSync } = await import('node:fs');
    const { XML } = await import('@expo/config-plugins');
    const { KEEPCALL_LIBRARY_TYPES, PROFILE_TYPES } = await import('../../src/plugin/requirements');
    const xml = (await XML.parseXMLAsync(readFileSync('android/src/main/AndroidManifest.xml', 'utf8'))) as {
      manifest: { application: { service: { $: Record<string, string> }[] }[] };
    };
    const service = xml.manifest.application[0]?.service.find(
      (s) => s.$['android:name'] === KEEPCALL_SERVICE,
    );
    expect(service, `${KEEPCALL_SERVICE} in android/src/main/AndroidManifest.xml`).toBeDefined();
    const types = (service?.$['android:foregroundServiceType'] ?? '').split('|');
    expect(new Set(types)).toEqual(new Set(KEEPCALL_LIBRARY_TYPES));
    for (const profile of Object.values(PROFILE_TYPES))
      for (const type of profile) expect(types).toContain(type);
  });
});
