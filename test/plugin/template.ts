// Test support: a private copy of the real Expo template and a way to run config plugins on it with Expo's
// own mod compiler, as `expo prebuild` does.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileModsAsync, type ExportedConfig, withPlugins } from '@expo/config-plugins';
import { fetchTemplate } from '../../scripts/fetch-template.mjs';

export const MANIFEST = 'android/app/src/main/AndroidManifest.xml';
export const INFO_PLIST = 'ios/HelloWorld/Info.plist';

/** Copies the cached template into a fresh temporary folder; returns the folder and a cleanup. */
export function copyTemplate(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'keepcall-app-'));
  cpSync(fetchTemplate(), root, { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The template's app.json `expo` object as Expo would hand it to plugins. */
export function templateConfig(root: string): ExportedConfig {
  const appJson = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as { expo: ExportedConfig };
  return { ...appJson.expo, _internal: { projectRoot: root } } as ExportedConfig;
}

type PluginEntry = Parameters<typeof withPlugins>[1][number];

/** Runs plugins on the project at `root` through Expo's mod compiler, writing the native files. */
export async function prebuild(
  root: string,
  plugins: PluginEntry[],
  config = templateConfig(root),
): Promise<void> {
  await compileModsAsync(withPlugins(config, plugins), { projectRoot: root, platforms: ['android', 'ios'] });
}

/** Reads a project file as text. */
export function read(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}
