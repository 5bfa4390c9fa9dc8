// `keepcall doctor` on the real Expo template: before the plugin it lists the missing pieces, after it is clean,
// and it notices a prebuild older than app.json and a library whose service competes with keepcall's.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { withKeepCall } from '../../src/plugin/index';
import { copyTemplate, prebuild } from '../plugin/template';
import { doctorJson, ids } from './run';

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
function setPlugin(root: string, props: object): void {
  const appJson = {
    expo: { name: 'HelloWorld', slug: 'expo-template-bare', plugins: [['keepcall', props]] },
  };
  writeFileSync(join(root, 'app.json'), JSON.stringify(appJson, null, 2));
}
function installKeepCall(root: string): void {
  const dir = join(root, 'node_modules/keepcall/android/src/main');
  mkdirSync(dir, { recursive: true });
  cpSync('android/src/main/AndroidManifest.xml', join(dir, 'AndroidManifest.xml'));
}

describe('the Expo template', () => {
  test('without the plugin: every missing piece is listed', async () => {
    const { code, report } = await doctorJson(app());
    expect(code).toBe(1);
    expect(ids(report)).toEqual([
      'missing-background-mode',
      'missing-fgs-permission', // FOREGROUND_SERVICE
      'missing-fgs-permission', // …_MEDIA_PLAYBACK
      'missing-fgs-permission', // …_MICROPHONE
      'missing-fgs-permission', // …_CAMERA
      'missing-post-notifications',
      'missing-runtime-permission', // RECORD_AUDIO
      'missing-runtime-permission', // CAMERA
      'missing-usage-description', // microphone
      'missing-usage-description', // camera
    ]);
  });

  const profiles: [string, object][] = [
    ['default props', { androidKeepCallAlive: true, iosKeepCallAlive: true }],
    ['audio only', { androidKeepCallAlive: { camera: false }, cameraPermission: false }],
    ['phoneCall profile', { androidKeepCallAlive: { profile: 'phoneCall' } }],
  ];
  test.each(profiles)('after the plugin (%s) it is clean', async (_name, props) => {
    const root = app();
    await prebuild(root, [[withKeepCall, props]]);
    const { code, report } = await doctorJson(root);
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });

  test.each([
    ['media', { androidKeepCallAlive: true }],
    ['phoneCall', { androidKeepCallAlive: { profile: 'phoneCall' } }],
  ])(
    'it names the profile the manifest declares (%s), the one the JavaScript follows',
    async (profile, props) => {
      const root = app();
      await prebuild(root, [[withKeepCall, props]]);
      const { report } = await doctorJson(root);
      const notes = report.notes.map((note) => note.message).filter((message) => message.includes('profile'));
      expect(notes).toEqual([
        `the manifest declares the ${profile} profile: keepcall's JavaScript uses it unless foregroundService.android.profile is set in KeepCall.updateConfig (a different one is reported as a conflict)`,
      ]);
    },
  );

  test('with keepcall installed and the plugin in app.json it is clean, until the props change without a prebuild', async () => {
    const root = app();
    installKeepCall(root);
    const props = { androidKeepCallAlive: true, iosKeepCallAlive: true };
    setPlugin(root, props);
    await prebuild(root, [[withKeepCall, props]]);
    const clean = await doctorJson(root);
    expect(clean.report.problems).toEqual([]);
    expect(clean.report.notes.map((note) => note.message).join()).not.toContain('not installed');

    setPlugin(root, { androidKeepCallAlive: { profile: 'phoneCall' }, iosKeepCallAlive: true });
    const { code, report } = await doctorJson(root);
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['stale-prebuild']);
    expect(report.problems[0]?.message).toContain('lacks FOREGROUND_SERVICE_PHONE_CALL, MANAGE_OWN_CALLS');
    expect(report.problems[0]?.message).toContain(
      'mediaPlayback|microphone|camera instead of phoneCall|microphone|camera',
    );
  });

  test('props narrowed and prebuilt again without --clean: each leftover is named in a note, and nothing fails', async () => {
    const root = app();
    installKeepCall(root);
    const before = { androidKeepCallAlive: true, iosKeepCallAlive: true };
    setPlugin(root, before);
    await prebuild(root, [[withKeepCall, before]]);
    const after = { androidKeepCallAlive: { profile: 'phoneCall', camera: false }, iosKeepCallAlive: false };
    setPlugin(root, after);
    await prebuild(root, [[withKeepCall, after]]);
    const { code, report } = await doctorJson(root);
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
    const notes = report.notes.map((note) => note.message);
    expect(notes).toContainEqual(
      expect.stringMatching(
        /still declares FOREGROUND_SERVICE_MEDIA_PLAYBACK, FOREGROUND_SERVICE_CAMERA, CAMERA, which keepcall's plugin no longer asks for/,
      ),
    );
    expect(notes).toContainEqual(expect.stringMatching(/still has the "voip" background mode/));

    // Prebuilt from scratch with the same props: nothing is left over, so nothing is said.
    const fresh = app();
    installKeepCall(fresh);
    setPlugin(fresh, after);
    await prebuild(fresh, [[withKeepCall, after]]);
    const clean = (await doctorJson(fresh)).report.notes.map((note) => note.message).join('\n');
    expect(clean).not.toContain('no longer asks for');
  });

  test('another installed library’s microphone service is reported as a conflict, in its own file', async () => {
    const root = app();
    await prebuild(root, [[withKeepCall, { androidKeepCallAlive: true, iosKeepCallAlive: true }]]);
    const dir = join(root, 'node_modules/@acme/calls/android/src/main');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'AndroidManifest.xml'),
      `<manifest xmlns:android="http://schemas.android.com/apk/res/android"><application>
  <service android:name="com.acme.calls.CallService" android:exported="false" android:foregroundServiceType="microphone|camera"/>
</application></manifest>`,
    );
    const { report } = await doctorJson(root);
    expect(ids(report)).toEqual(['conflicting-service']);
    expect(report.problems[0]?.file).toBe('node_modules/@acme/calls/android/src/main/AndroidManifest.xml');
    expect(report.problems[0]?.message).toContain('"microphone", "camera"');
  });

  test('below target SDK 33/34 the notification and type permissions are not demanded', async () => {
    const root = app();
    writeFileSync(join(root, 'android/gradle.properties'), 'android.targetSdkVersion=32\n');
    const { report } = await doctorJson(root);
    const android = report.problems
      .filter((problem) => problem.area === 'android')
      .map((problem) => problem.id);
    expect(android.sort()).toEqual([
      'missing-fgs-permission',
      'missing-runtime-permission',
      'missing-runtime-permission',
    ]);
    expect(report.problems.find((problem) => problem.id === 'missing-fgs-permission')?.message).toContain(
      'android.permission.FOREGROUND_SERVICE is not declared',
    );
  });
});
