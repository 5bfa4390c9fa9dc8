// keepcall as a user gets it: `npm pack` (which builds), install the tarball into an empty project, run the
// config plugin through app.plugin.js on a copy of the Expo template, and `npx keepcall doctor` on it.
// One pack and one install for the whole file: they take minutes.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fetchTemplate } from '../../scripts/fetch-template.mjs';

const REPO = resolve(import.meta.dirname, '../..');
// Not part of a package build; everything else is copied so the tarball's contents are decided by "files".
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', 'dist', 'coverage', 'tmp']);
const PROPS = { androidKeepCallAlive: true, iosKeepCallAlive: true };

let work = '';
let tarballFiles: string[] = [];
let scratch = '';

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'keepcall-pack-'));
  // Pack from a copy so the build's clean step never touches the repository's dist/ while others use it.
  const staging = join(work, 'staging');
  mkdirSync(staging);
  for (const entry of readdirSync(REPO)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(REPO, entry), join(staging, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(staging, 'node_modules'), 'dir');
  const out = join(work, 'out');
  mkdirSync(out);
  sh('npm', ['pack', '--pack-destination', out, '--silent'], staging);
  const tarball = join(out, readdirSync(out).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
  tarballFiles = sh('tar', ['tzf', tarball], work)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/^package\//, ''));

  scratch = join(work, 'scratch');
  mkdirSync(scratch);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  sh('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--silent'], scratch);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('holds the build, the native code, the podspec and app.plugin.js', () => {
    for (const file of [
      'dist/plugin/index.cjs',
      'dist/cli/index.cjs',
      'android/src/main/AndroidManifest.xml',
      'keepcall.podspec',
      'app.plugin.js',
      'package.json',
    ]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.some((file) => file.startsWith('ios/'))).toBe(true);
  });

  test('holds no tests or fixtures', () => {
    const leaked = tarballFiles.filter((file) =>
      /(^|\/)(test|tests|__tests__|fixtures)\/|\.test\.[cm]?[jt]s$/.test(file),
    );
    expect(leaked).toEqual([]);
  });

  test('installs only keepcall and its own dependencies', () => {
    const installed = readdirSync(join(scratch, 'node_modules'));
    expect(installed).toContain('keepcall');
    expect(installed).not.toContain('vitest');
    expect(installed).not.toContain('react-native');
  });
});

describe('from the installed package', () => {
  test('the plugin runs through app.plugin.js, and doctor goes from problems to clean', () => {
    const app = join(scratch, 'app');
    cpSync(fetchTemplate(), app, { recursive: true });
    const appJson = JSON.parse(readFileSync(join(app, 'app.json'), 'utf8')) as {
      expo: Record<string, unknown>;
    };
    appJson.expo.plugins = [['keepcall', PROPS]];
    writeFileSync(join(app, 'app.json'), JSON.stringify(appJson, null, 2));

    const before = run('npx', ['keepcall', 'doctor', 'app'], scratch);
    expect(before.code, before.stderr).toBe(1);
    expect(before.stdout).toContain('FOREGROUND_SERVICE_MICROPHONE is not declared');
    expect(before.stdout).toContain('UIBackgroundModes lacks "audio"');

    // What `expo prebuild` does with the plugin list, using the @expo/config-plugins keepcall installed.
    writeFileSync(
      join(scratch, 'prebuild.cjs'),
      `const { compileModsAsync, withPlugins } = require('@expo/config-plugins');
const root = require('node:path').join(__dirname, 'app');
const { expo } = require(root + '/app.json');
const config = withPlugins({ ...expo, _internal: { projectRoot: root } }, expo.plugins);
compileModsAsync(config, { projectRoot: root, platforms: ['android', 'ios'] }).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
`,
    );
    const prebuild = run('node', ['prebuild.cjs'], scratch);
    expect(prebuild.code, prebuild.stderr).toBe(0);
    const manifest = readFileSync(join(app, 'android/app/src/main/AndroidManifest.xml'), 'utf8');
    expect(manifest).toContain('android.permission.FOREGROUND_SERVICE_MICROPHONE');
    expect(manifest).toContain('tools:replace="android:foregroundServiceType"');

    const after = run('npx', ['keepcall', 'doctor', 'app'], scratch);
    expect(after.stdout).toContain('No problems found.');
    expect(after.code, after.stdout).toBe(0);
    // It found the installed library's manifest one folder up.
    expect(after.stdout).not.toContain('keepcall is not installed');
  });

  test('bad props reach the user as the plugin’s message, through Expo', () => {
    const app = join(scratch, 'bad-app');
    cpSync(fetchTemplate(), app, { recursive: true });
    writeFileSync(
      join(scratch, 'bad-prebuild.cjs'),
      `const { withPlugins } = require('@expo/config-plugins');
try {
  withPlugins({ name: 'x', slug: 'x', _internal: { projectRoot: ${JSON.stringify(app)} } }, [['keepcall', { iosKeepCallAlive: 'yes' }]]);
} catch (error) { console.error(error.message); process.exit(3); }
`,
    );
    const result = run('node', ['bad-prebuild.cjs'], scratch);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('iosKeepCallAlive is "yes"; expected true or false');
  });
});
