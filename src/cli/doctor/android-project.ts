// The Android side of an app as the doctor sees it: the app manifest, the library manifests that gradle
// merges into it (keepcall's among them), and the target SDK.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseXml, readText } from './read';
import { type Remark, UnreadableProject } from './types';

export const APP_MANIFEST = 'android/app/src/main/AndroidManifest.xml';
const LIBRARY_MANIFEST = 'android/src/main/AndroidManifest.xml';
/** What Expo SDK 58 / React Native 0.8x projects target when the project does not say. */
export const DEFAULT_TARGET_SDK = 36;

export interface ManifestComponent {
  kind: 'service' | 'receiver';
  name: string;
  /** `foregroundServiceType` values; empty when the attribute is absent. */
  types: string[];
  hasTypes: boolean;
  exported?: string;
  permission?: string;
  /** Attributes listed in `tools:replace`. */
  replaces: string[];
  /** `tools:node`, e.g. `remove`. */
  node?: string;
}

export interface ParsedManifest {
  file: string;
  permissions: { name: string; removed: boolean }[];
  components: ManifestComponent[];
}

export interface AndroidProject {
  app: ParsedManifest;
  /** Manifests of installed libraries (node_modules/…/android/src/main/AndroidManifest.xml), keepcall's included. */
  libraries: ParsedManifest[];
  keepcall: ParsedManifest | null;
  targetSdk: number;
  /** Where the target SDK came from; `null` when it was assumed. */
  targetSdkSource: string | null;
}

type Element = { $?: Record<string, string>; [child: string]: unknown };

/** Parses one AndroidManifest.xml. */
export async function parseManifest(text: string, file: string): Promise<ParsedManifest> {
  const xml = await parseXml(text, file);
  const manifest = xml.manifest as Element | undefined;
  if (!manifest || typeof manifest !== 'object')
    throw new UnreadableProject(file, 'the root element is not <manifest>');
  const permissions = children(manifest, 'uses-permission').map((entry) => ({
    name: entry.$?.['android:name'] ?? '',
    removed: entry.$?.['tools:node'] === 'remove',
  }));
  const components: ManifestComponent[] = [];
  for (const application of children(manifest, 'application')) {
    for (const kind of ['service', 'receiver'] as const) {
      for (const entry of children(application, kind)) components.push(component(kind, entry.$ ?? {}));
    }
  }
  return { file, permissions, components };
}

/** Loads the Android project under `appDir`; `null` when there is no android/ folder. */
export async function loadAndroid(appDir: string, notes: Remark[]): Promise<AndroidProject | null> {
  if (!existsSync(join(appDir, 'android'))) return null;
  if (!existsSync(join(appDir, APP_MANIFEST))) {
    throw new UnreadableProject(APP_MANIFEST, 'android/ exists but has no app manifest here');
  }
  const app = await parseManifest(await readText(appDir, APP_MANIFEST), APP_MANIFEST);
  const libraries: ParsedManifest[] = [];
  for (const file of libraryManifests(appDir)) {
    try {
      libraries.push(await parseManifest(await readText(appDir, file), file));
    } catch (error) {
      // A broken library is not the app's file to fix; say so and go on.
      notes.push({ area: 'android', message: `skipped ${file}: ${(error as Error).message}` });
    }
  }
  let keepcall =
    libraries.find((library) => library.file === `node_modules/keepcall/${LIBRARY_MANIFEST}`) ?? null;
  if (!keepcall) {
    // Node (and React Native's autolinking) also find packages installed in a parent folder.
    const file = findUp(appDir, `node_modules/keepcall/${LIBRARY_MANIFEST}`);
    if (file) {
      keepcall = await parseManifest(await readText(appDir, file), file);
      libraries.push(keepcall);
    }
  }
  const target = await targetSdk(appDir);
  return {
    app,
    libraries,
    keepcall,
    targetSdk: target?.value ?? DEFAULT_TARGET_SDK,
    targetSdkSource: target?.source ?? null,
  };
}

function component(kind: ManifestComponent['kind'], attributes: Record<string, string>): ManifestComponent {
  const typeAttribute = attributes['android:foregroundServiceType'];
  const result: ManifestComponent = {
    kind,
    name: attributes['android:name'] ?? '',
    types: (typeAttribute ?? '')
      .split('|')
      .map((type) => type.trim())
      .filter((type) => type.length > 0),
    hasTypes: typeAttribute !== undefined,
    replaces: (attributes['tools:replace'] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  };
  if (attributes['android:exported'] !== undefined) result.exported = attributes['android:exported'];
  if (attributes['android:permission'] !== undefined) result.permission = attributes['android:permission'];
  if (attributes['tools:node'] !== undefined) result.node = attributes['tools:node'];
  return result;
}

function children(element: Element, name: string): Element[] {
  const value = element[name];
  return Array.isArray(value) ? (value as Element[]) : [];
}

function libraryManifests(appDir: string): string[] {
  const modules = join(appDir, 'node_modules');
  if (!existsSync(modules)) return [];
  const packages: string[] = [];
  for (const entry of safeList(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@'))
      for (const inner of safeList(join(modules, entry))) packages.push(`${entry}/${inner}`);
    else packages.push(entry);
  }
  return packages
    .map((name) => `node_modules/${name}/${LIBRARY_MANIFEST}`)
    .filter((file) => existsSync(join(appDir, file)));
}

function findUp(appDir: string, file: string): string | null {
  let dir = resolve(appDir);
  for (let up = '..'; ; up = `${up}/..`) {
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
    if (existsSync(join(dir, file))) return `${up}/${file}`;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

async function targetSdk(appDir: string): Promise<{ value: number; source: string } | null> {
  const sources: [string, RegExp][] = [
    ['android/app/build.gradle', /\btargetSdk(?:Version)?\s*[=(]?\s*(\d+)/],
    ['android/app/build.gradle.kts', /\btargetSdk(?:Version)?\s*=\s*(\d+)/],
    ['android/build.gradle', /\btargetSdkVersion\s*=\s*(\d+)/],
    ['android/gradle.properties', /^\s*android\.targetSdkVersion\s*=\s*(\d+)/m],
  ];
  for (const [file, pattern] of sources) {
    if (!existsSync(join(appDir, file))) continue;
    const match = pattern.exec(await readText(appDir, file));
    if (match?.[1]) return { value: Number(match[1]), source: file };
  }
  return null;
}
