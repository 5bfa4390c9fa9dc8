// keepcall as npm publishes it: `npm pack` (which builds) from a copy of the repository, so the build's clean
// step never touches the repository's dist/ while others use it. Shared by the pack test and the benches.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/**
 * The environment a user's shell has: without the npm_config_* variables `npm test` and `npm run bench`
 * hand their children, which carry this repository's .npmrc (legacy-peer-deps, there for the tree-sitter
 * grammars of the dev tree) into every npm started here and would hide a peer conflict.
 */
export const USER_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name))),
  NO_COLOR: '1',
};
// Not part of a package build; everything else is copied so the tarball's contents are decided by "files".
const NOT_COPIED = new Set(['node_modules', '.git', '.cache', 'dist', 'coverage', 'tmp']);

/** Packs keepcall into `work/out`; returns the tarball's path. */
export function packKeepcall(work: string, env: NodeJS.ProcessEnv): string {
  const staging = join(work, 'staging');
  mkdirSync(staging);
  for (const entry of readdirSync(REPO)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(REPO, entry), join(staging, entry), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(staging, 'node_modules'), 'dir');
  const out = join(work, 'out');
  mkdirSync(out);
  execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], {
    cwd: staging,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return join(out, readdirSync(out).find((name) => name.endsWith('.tgz')) ?? 'missing.tgz');
}
