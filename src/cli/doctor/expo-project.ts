// The Expo side of an app: its app.json / app.config.*, and keepcall's entry in `plugins`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingExpoTooling } from '../../plugin/expo-tooling';
import { doctorTooling, parseJson, readText } from './read';
import { type Remark, UnreadableProject } from './types';

export interface ExpoProject {
  /** The config file read, relative to the app folder. */
  file: string;
  /** Whether `plugins` could be read (an app.config.ts needs TypeScript, or a Node that strips types). */
  evaluated: boolean;
  /** keepcall's plugin entry: `undefined` when not listed; its props (possibly undefined) when listed. */
  keepcall?: { props: unknown };
}

// Every name Expo resolves to keepcall's plugin: the package (app.plugin.js) and the `keepcall/plugin` export.
const PLUGIN_NAMES = new Set([
  'keepcall',
  'keepcall/app.plugin',
  'keepcall/app.plugin.js',
  'keepcall/plugin',
]);
// In the order Expo looks for them; TypeScript ones are loaded the way Expo's CLI loads them.
const DYNAMIC = [
  'app.config.ts',
  'app.config.mts',
  'app.config.cts',
  'app.config.js',
  'app.config.cjs',
  'app.config.mjs',
];

/** Loads the Expo config; `null` when the app has neither app.json nor app.config.*. */
export async function loadExpo(appDir: string, notes: Remark[]): Promise<ExpoProject | null> {
  const staticConfig = await readAppJson(appDir);
  const dynamic = DYNAMIC.find((file) => existsSync(join(appDir, file)));
  if (dynamic && /\.[cm]?ts$/.test(dynamic)) {
    try {
      return fromConfig(dynamic, await evaluate(appDir, dynamic, staticConfig?.config ?? {}));
    } catch (error) {
      if (error instanceof MissingExpoTooling) throw error;
      // The native projects can still be checked; only the plugin props cannot.
      notes.push({
        area: 'expo',
        message: `${dynamic} could not be loaded (${error instanceof UnreadableProject ? error.reason : String(error)}): the plugin props were not compared with the native projects`,
      });
      return { file: dynamic, evaluated: false };
    }
  }
  if (dynamic) return fromConfig(dynamic, await evaluate(appDir, dynamic, staticConfig?.config ?? {}));
  return staticConfig ? fromConfig(staticConfig.file, staticConfig.config) : null;
}

async function readAppJson(
  appDir: string,
): Promise<{ file: string; config: Record<string, unknown> } | null> {
  for (const file of ['app.json', 'app.config.json']) {
    if (!existsSync(join(appDir, file))) continue;
    const json = parseJson(await readText(appDir, file), file);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new UnreadableProject(file, 'expected a JSON object');
    }
    const record = json as Record<string, unknown>;
    const expo = record.expo;
    if (expo && typeof expo === 'object') return { file, config: expo as Record<string, unknown> };
    // A bare React Native app has an app.json too ({ name, displayName }); it is Expo's only with expo installed.
    return (await dependsOnExpo(appDir)) ? { file, config: record } : null;
  }
  return null;
}

async function dependsOnExpo(appDir: string): Promise<boolean> {
  if (!existsSync(join(appDir, 'package.json'))) return false;
  const json = parseJson(await readText(appDir, 'package.json'), 'package.json') as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  } | null;
  return Boolean(json?.dependencies?.expo ?? json?.devDependencies?.expo);
}

async function evaluate(appDir: string, file: string, base: Record<string, unknown>): Promise<unknown> {
  try {
    // Expo's own loader: TypeScript is transpiled with the app's `typescript`, or stripped by Node.
    const { loadModule } = doctorTooling().load('@expo/require-utils') as {
      loadModule(path: string): Promise<unknown>;
    };
    const module = (await loadModule(join(appDir, file))) as { default?: unknown };
    const exported = module.default ?? module;
    const config =
      typeof exported === 'function' ? await exported({ config: base, projectRoot: appDir }) : exported;
    const record = config as Record<string, unknown> | null;
    return record && typeof record === 'object' && record.expo ? record.expo : record;
  } catch (error) {
    if (error instanceof MissingExpoTooling) throw error;
    throw new UnreadableProject(file, `could not evaluate: ${(error as Error).message.split('\n')[0]}`);
  }
}

function fromConfig(file: string, config: unknown): ExpoProject {
  const plugins =
    config && typeof config === 'object' ? (config as { plugins?: unknown }).plugins : undefined;
  const project: ExpoProject = { file, evaluated: true };
  if (plugins === undefined) return project;
  if (!Array.isArray(plugins)) throw new UnreadableProject(file, '"plugins" is not an array');
  for (const entry of plugins) {
    const [name, props] = Array.isArray(entry) ? [entry[0], entry[1]] : [entry, undefined];
    if (typeof name === 'string' && PLUGIN_NAMES.has(name)) project.keepcall = { props };
  }
  return project;
}
