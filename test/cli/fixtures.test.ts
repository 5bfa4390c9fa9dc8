// `keepcall doctor` on fixture apps that each hold one kind of mistake: it names that mistake, and only it.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { doctorJson, FIXTURES, ids } from './run';

const at = (name: string) => join(FIXTURES, name);

describe('Android', () => {
  test('a manifest as the plugin writes it is clean', async () => {
    const { code, report } = await doctorJson(at('android-clean'));
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });

  test('A13: FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK is named as a typo, with the real name', async () => {
    const { code, report } = await doctorJson(at('typo-permission'));
    expect(code).toBe(1);
    const typo = report.problems.find((problem) => problem.id === 'unknown-permission');
    expect(typo?.rule).toBe('A13');
    expect(typo?.message).toContain('android.permission.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK');
    expect(typo?.fix).toBe('use "android.permission.FOREGROUND_SERVICE_MEDIA_PLAYBACK"');
    // The typo also means the real permission is missing for the mediaPlayback type (A3).
    expect(ids(report)).toEqual(['missing-fgs-permission', 'unknown-permission']);
  });

  const single: [string, string, string, RegExp][] = [
    [
      'missing-type-permission',
      'missing-fgs-permission',
      'A3',
      /type "camera" but android.permission.FOREGROUND_SERVICE_CAMERA/,
    ],
    [
      'short-service',
      'unsuitable-service-type',
      'A9',
      /"shortService", which is stopped after about 3 minutes/,
    ],
    [
      'no-post-notifications',
      'missing-post-notifications',
      'A7',
      /POST_NOTIFICATIONS is not declared \(target SDK 34\)/,
    ],
    [
      'phone-call-no-manage-own-calls',
      'phone-call-without-manage-own-calls',
      'A17',
      /MANAGE_OWN_CALLS is not declared/,
    ],
    [
      'missing-record-audio',
      'missing-runtime-permission',
      'A4',
      /type "microphone" but android.permission.RECORD_AUDIO/,
    ],
    [
      'conflicting-service',
      'conflicting-service',
      '',
      /app\.notifee\.core\.ForegroundService also declares "microphone"/,
    ],
    ['merge-conflict', 'manifest-merge-conflict', '', /without tools:replace/],
    ['replace-without-types', 'manifest-merge-conflict', '', /tools:replace=.* but no foregroundServiceType/],
    ['empty-service-type', 'no-service-type', 'A3', /foregroundServiceType="": the service has no type/],
  ];
  test.each(single)('%s: reports %s only', async (fixture, id, rule, message) => {
    const { code, report } = await doctorJson(at(fixture));
    expect(code).toBe(1);
    expect(ids(report)).toEqual([id]);
    const [problem] = report.problems;
    expect(problem?.message).toMatch(message);
    expect(problem?.rule ?? '').toBe(rule);
    expect(problem?.fix.length).toBeGreaterThan(10);
  });

  test('a type Android does not define is named with the one meant; the types around it still count', async () => {
    const { code, report } = await doctorJson(at('unknown-service-type'));
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['unknown-service-type']);
    const [problem] = report.problems;
    expect(problem?.message).toContain(`keepcall's service declares foregroundServiceType "microphon"`);
    expect(problem?.fix).toBe('use "microphone"');
  });

  test('A9: the app’s own call service on dataSync is unsuitable, and competes with keepcall’s', async () => {
    const { report } = await doctorJson(at('data-sync-call-service'));
    expect(ids(report)).toEqual(['conflicting-service', 'unsuitable-service-type']);
    const unsuitable = report.problems.find((problem) => problem.id === 'unsuitable-service-type');
    expect(unsuitable?.message).toMatch(/\.CallService declares type "dataSync"/);
  });

  test('A11: exported keepcall service and an unguarded exported receiver; a guarded one is fine', async () => {
    const { report } = await doctorJson(at('exported-components'));
    expect(ids(report)).toEqual(['exported-component', 'exported-component']);
    const text = report.problems.map((problem) => problem.message).join('\n');
    expect(text).toContain("keepcall's service is exported");
    expect(text).toContain('receiver .CallActionReceiver is exported');
    expect(text).not.toContain('GuardedReceiver');
  });
});

describe('iOS', () => {
  test('audio + voip + both usage texts is clean', async () => {
    const { code, report } = await doctorJson(at('ios-clean'));
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });

  test('a missing audio background mode is reported (I2)', async () => {
    const { report } = await doctorJson(at('ios-no-audio'));
    expect(ids(report)).toEqual(['missing-background-mode']);
    expect(report.problems[0]?.message).toContain('"audio"');
  });

  test('a missing microphone usage description is reported; voip absence is only a note', async () => {
    const { report } = await doctorJson(at('ios-no-usage'));
    expect(ids(report)).toEqual(['missing-usage-description']);
    expect(report.problems[0]?.message).toContain('NSMicrophoneUsageDescription is missing');
    expect(report.notes.map((note) => note.message).join()).toContain('"voip"');
  });
});

describe('Expo', () => {
  test('plugin props asking for voip and Android against an older prebuild: stale, named per file', async () => {
    const { code, report } = await doctorJson(at('expo-stale'));
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['missing-background-mode', 'stale-prebuild']);
    const stale = report.problems.find((problem) => problem.id === 'stale-prebuild');
    expect(stale?.message).toContain('lacks background mode "voip"');
    expect(stale?.fix).toContain('npx expo prebuild --clean');
  });

  test('bad plugin props are reported with the plugin’s own message', async () => {
    const { report } = await doctorJson(at('expo-bad-props'));
    expect(ids(report)).toEqual(['invalid-plugin-props']);
    expect(report.problems[0]?.message).toContain(
      'androidKeepCallAlive.profile is "phonecall"; expected "media" or "phoneCall"',
    );
    // Where the props are documented: docs/expo.md (not shipped in the package, so its address).
    expect(report.problems[0]?.fix).toContain('docs/expo.md#props');
  });

  test('the plugin listed as "keepcall/plugin" is recognised: its props are checked too', async () => {
    const { code, report } = await doctorJson(at('expo-plugin-subpath'));
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['invalid-plugin-props']);
    expect(report.problems[0]?.message).toContain('androidKeepCallAlive.profile is "phonecall"');
  });

  test('an app.config.ts is evaluated as Expo evaluates it: its plugin props are checked', async () => {
    const { code, report } = await doctorJson(at('expo-config-ts'));
    expect(code).toBe(1);
    expect(report.inspected?.expo).toBe('app.config.ts');
    expect(ids(report)).toEqual(['invalid-plugin-props']);
    expect(report.problems[0]?.message).toContain('androidKeepCallAlive.profile is "phonecall"');
  });

  test('an app.config.ts that cannot be loaded leaves a note, and the rest is still checked', async () => {
    const { code, report } = await doctorJson(at('expo-config-ts-broken'));
    expect(code).toBe(0);
    expect(report.error).toBeUndefined();
    expect(report.notes.map((note) => note.message)).toContainEqual(
      expect.stringMatching(/^app\.config\.ts could not be loaded \(could not evaluate: .*no config here/),
    );
  });

  test('a managed app without the plugin is told to add it; with it, it is clean', async () => {
    expect(ids((await doctorJson(at('expo-managed-no-plugin'))).report)).toEqual(['plugin-not-configured']);
    const { code, report } = await doctorJson(at('expo-managed-ok'));
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });
});

test('a bare React Native app’s app.json is not taken for an Expo config', async () => {
  const { code, report } = await doctorJson(at('bare-react-native'));
  expect(code).toBe(0);
  expect(Object.keys(report.inspected ?? {})).toEqual(['android']);
  expect(report.notes.map((note) => note.area)).not.toContain('expo');
});

describe('unreadable projects exit 2 with the file and the reason', () => {
  const cases: [string, string, RegExp][] = [
    [
      'malformed-manifest',
      'android/app/src/main/AndroidManifest.xml',
      /^malformed XML: Unexpected close tag at line 5/,
    ],
    ['malformed-plist', 'ios/Calls/Info.plist', /^malformed plist/],
    ['malformed-app-json', 'app.json', /^malformed JSON/],
  ];
  test.each(cases)('%s', async (fixture, file, reason) => {
    const { code, report } = await doctorJson(at(fixture));
    expect(code).toBe(2);
    expect(report.error?.file).toBe(file);
    expect(report.error?.reason).toMatch(reason);
  });
});
