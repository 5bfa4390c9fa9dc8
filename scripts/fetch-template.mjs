// Fetches expo-template-bare-minimum@58 once into .cache/ and unpacks it; the plugin and doctor tests copy it.
// Installing the template as a dependency would drag in `expo`, which this registry cannot serve, so we pack it.
// Usage: `node scripts/fetch-template.mjs` prints the unpacked folder; tests import `fetchTemplate()`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = 'expo-template-bare-minimum@58';
const CACHE = join(ROOT, '.cache');
const TARGET = join(CACHE, 'expo-template-bare-minimum-58');

/** Returns the folder holding the unpacked template (android/, ios/, app.json), fetching it on first use. */
export function fetchTemplate() {
  if (existsSync(join(TARGET, 'app.json'))) return TARGET;
  mkdirSync(CACHE, { recursive: true });
  // Unpack into a private folder, then rename: two test workers may fetch at the same time.
  const work = mkdtempSync(join(CACHE, 'template-'));
  try {
    execFileSync('npm', ['pack', SPEC, '--pack-destination', work, '--silent'], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${SPEC} produced no tarball in ${work}`);
    execFileSync('tar', ['xzf', tarball], { cwd: work });
    try {
      renameSync(join(work, 'package'), TARGET);
    } catch (error) {
      if (!existsSync(join(TARGET, 'app.json'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return TARGET;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${fetchTemplate()}\n`);
}
