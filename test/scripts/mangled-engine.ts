// A Vite plugin for the test run: src/core and src/react-native with the engine's private property
// names shortened exactly as scripts/build-rn.mjs ships them in dist/rn (one renaming for every file),
// so the React Native suites also run against what Metro bundles in an app.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, transform } from 'esbuild';
import type { Plugin } from 'vite';
import { MANGLE_PROPS } from '../../scripts/mangle-props.mjs';

const TREES = ['src/core', 'src/react-native'];

/** Every TypeScript file build-rn.mjs compiles, relative to `root`. */
function sources(root: string): string[] {
  return TREES.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map((entry) => relative(root, join(entry.parentPath, entry.name))),
  );
}

/** The renaming build-rn.mjs makes: one esbuild build over every file, as dist/rn's. */
export async function shippedRenaming(root: string): Promise<Record<string, string | false>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: sources(root),
    outdir: 'out',
    outbase: 'src',
    bundle: false,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    mangleProps: MANGLE_PROPS,
    mangleCache: {},
  });
  return result.mangleCache ?? {};
}

/** Shortens the engine's private names in src/core and src/react-native as dist/rn does. */
export function mangledEngine(root: string): Plugin {
  let renaming: Promise<Record<string, string | false>> | undefined;
  return {
    name: 'keepcall-mangled-engine',
    enforce: 'pre',
    async transform(code, id) {
      const file = relative(root, id.split('?')[0] ?? id);
      if (!TREES.some((dir) => file.startsWith(`${dir}/`)) || !file.endsWith('.ts')) return undefined;
      renaming ??= shippedRenaming(root);
      const out = await transform(code, {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcefile: file,
        mangleProps: MANGLE_PROPS,
        mangleCache: await renaming,
      });
      return { code: out.code, map: null };
    },
  };
}
