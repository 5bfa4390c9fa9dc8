// The Expo bare template made installable from this registry with as little change as possible: its
// React Native is a prerelease (0.88.0-rc.2 in SDK 58) whose own @react-native/* packages at that version
// the registry does not serve, so those, and only those, are overridden with the same minor's release.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchTemplate } from '../../scripts/fetch-template.mjs';

interface Manifest {
  dependencies: Record<string, string>;
  overrides?: Record<string, string>;
}

/** The template's package.json as published. */
export function templateManifest(): Manifest {
  return JSON.parse(readFileSync(join(fetchTemplate(), 'package.json'), 'utf8')) as Manifest;
}

/**
 * Copies the template to `dir` with overrides for what the registry lacks; returns those overrides
 * (package → range), empty when the registry serves all of React Native's packages.
 */
export function installableTemplate(dir: string, env: NodeJS.ProcessEnv): Record<string, string> {
  cpSync(fetchTemplate(), dir, { recursive: true });
  const manifest = templateManifest();
  const reactNative = manifest.dependencies['react-native'] ?? '';
  const [major, minor] = reactNative.split('.');
  const npm = (args: string[]) =>
    execFileSync('npm', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const own = JSON.parse(npm(['view', `react-native@${reactNative}`, 'dependencies', '--json'])) as Record<
    string,
    string
  >;
  const overrides: Record<string, string> = {};
  for (const [name, wanted] of Object.entries(own)) {
    if (!name.startsWith('@react-native/') || wanted !== reactNative) continue;
    let served = '';
    try {
      served = npm(['view', `${name}@${wanted}`, 'version']).trim();
    } catch {
      // npm view exits non-zero for a version the registry does not have.
    }
    if (served === '') overrides[name] = `~${major}.${minor}.0`;
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, overrides }, null, 2));
  return overrides;
}
