// The iOS side of an app: the application target's Info.plist.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlist, readText } from './read';
import { UnreadableProject } from './types';

export interface IosProject {
  file: string;
  plist: Record<string, unknown>;
}

/** Loads ios/<App>/Info.plist; `null` when there is no ios/ folder. */
export async function loadIos(appDir: string): Promise<IosProject | null> {
  const ios = join(appDir, 'ios');
  if (!existsSync(ios)) return null;
  const file = findInfoPlist(ios);
  if (!file) throw new UnreadableProject('ios', 'no ios/<App>/Info.plist found for the app target');
  return { file, plist: await parsePlist(await readText(appDir, file), file) };
}

function findInfoPlist(ios: string): string | null {
  const entries = readdirSync(ios).sort();
  const projects = entries
    .filter((name) => name.endsWith('.xcodeproj'))
    .map((name) => name.slice(0, -'.xcodeproj'.length));
  const candidates = entries.filter(
    (name) =>
      !name.startsWith('.') &&
      name !== 'Pods' &&
      name !== 'build' &&
      !name.endsWith('Tests') &&
      isDirectory(join(ios, name)) &&
      existsSync(join(ios, name, 'Info.plist')),
  );
  // The folder named after the Xcode project is the app target; extensions and others come after.
  const best = candidates.find((name) => projects.includes(name)) ?? candidates[0];
  return best ? `ios/${best}/Info.plist` : null;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
