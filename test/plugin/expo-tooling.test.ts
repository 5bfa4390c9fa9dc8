// Expo's config tooling comes from the app: `expo/config-plugins` where Expo is installed, else
// `@expo/config-plugins`, and a clear message naming what to install when the app has neither.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExpoTooling, MissingExpoTooling } from '../../src/plugin/expo-tooling';

/** An app folder with the given files (path → content) under it. */
function app(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'keepcall-tooling-'));
  writeFileSync(join(root, 'package.json'), '{"name":"app","private":true}');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CONFIG_PLUGINS = {
  'node_modules/@expo/config-plugins/package.json': '{"name":"@expo/config-plugins","main":"index.js"}',
  'node_modules/@expo/config-plugins/index.js': "exports.copy = 'the app’s';",
  'node_modules/@expo/plist/package.json': '{"name":"@expo/plist","main":"index.js"}',
  'node_modules/@expo/plist/index.js': "exports.copy = 'the app’s plist';",
};

describe('Expo tooling, resolved from the app', () => {
  test('an app with neither expo nor @expo/config-plugins gets a message naming both installs', () => {
    const root = app({});
    let error: unknown;
    try {
      loadExpoTooling([root], 'keepcall doctor');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingExpoTooling);
    const message = (error as Error).message;
    expect(message).toContain('keepcall doctor needs Expo');
    expect(message).toContain(root);
    expect(message).toContain('npx expo install expo');
    expect(message).toContain('npm install --save-dev @expo/config-plugins');
  });

  test('a bare React Native app: @expo/config-plugins, and @expo/plist next to it', () => {
    const root = app(CONFIG_PLUGINS);
    const tooling = loadExpoTooling([root], 'x');
    expect((tooling.configPlugins as unknown as { copy: string }).copy).toBe('the app’s');
    expect(tooling.from).toBe(`@expo/config-plugins (from ${root})`);
    expect((tooling.load('@expo/plist') as { copy: string }).copy).toBe('the app’s plist');
  });

  test('an Expo app: expo/config-plugins first, its packages resolved from Expo’s own install', () => {
    // Expo's dependency nested under expo/ (as pnpm or a version conflict leaves it), not hoisted.
    const nested = Object.fromEntries(
      Object.entries(CONFIG_PLUGINS).map(([path, text]) => [
        path.replace('node_modules/', 'node_modules/expo/node_modules/'),
        text.replace('the app’s', 'Expo’s'),
      ]),
    );
    const root = app({
      'node_modules/expo/package.json': '{"name":"expo","main":"index.js"}',
      'node_modules/expo/config-plugins.js': "module.exports = require('@expo/config-plugins');",
      ...nested,
    });
    const tooling = loadExpoTooling([root], 'x');
    expect(tooling.from).toBe(`expo/config-plugins (from ${root})`);
    expect((tooling.configPlugins as unknown as { copy: string }).copy).toBe('Expo’s');
    expect((tooling.load('@expo/plist') as { copy: string }).copy).toBe('Expo’s plist');
  });

  test('the first folder that has it wins', () => {
    const empty = app({});
    const withIt = app(CONFIG_PLUGINS);
    expect(loadExpoTooling([empty, withIt], 'x').from).toBe(`@expo/config-plugins (from ${withIt})`);
  });
});
