// What `npm install keepcall` brings into three kinds of app: a web app (an empty project), a bare React
// Native app (react and react-native at the repository's versions) and an Expo app (the Expo bare template,
// with only the @react-native/* prereleases this registry lacks overridden; see test/pack/expo-template.ts).
// The packed tarball is added to each with plain npm (no legacy peer deps). Which packages it adds comes
// from npm's own resolution, before and after (`--package-lock-only`, so React Native and Expo are not
// downloaded); their size on disk from a real install of the tarball into the web app, or the registry's
// unpacked size for a package the web app does not get. The comparison ("peer") is what keepcall 0.1.0
// brought while Expo's tooling was among its dependencies, installed for real into an empty project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installableTemplate } from '../test/pack/expo-template';
import { packKeepcall, REPO, USER_ENV } from '../test/pack/tarball';
import type { BenchRow } from './types';

const ENV = USER_ENV;
const PLAIN = ['--legacy-peer-deps=false', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'];
// What keepcall's dependencies were before Expo's tooling became an optional peer.
const BEFORE = [
  '@expo/config-plugins@^58.0.2',
  '@expo/plist@^0.10.1',
  '@expo/require-utils@^58.0.2',
  'valibot@^1.5.0',
];
const MB = 1024 * 1024;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Bytes of every file under `path`. */
function bytesUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

type Lock = Record<string, { version?: string }>;

function lockPackages(app: string): Lock {
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Lock };
  const { '': _root, ...packages } = lock.packages;
  return packages;
}

/** The packages (install path → version) `npm install <tarball>` adds to the app at `app`. */
function added(app: string, tarball: string): Map<string, string> {
  npm(['install', '--package-lock-only', ...PLAIN], app);
  const before = lockPackages(app);
  npm(['install', tarball, '--package-lock-only', ...PLAIN], app);
  const result = new Map<string, string>();
  for (const [path, { version = '' }] of Object.entries(lockPackages(app))) {
    if (before[path]?.version !== version) result.set(path, version);
  }
  return result;
}

const packageName = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** An app folder with this package.json. */
function app(work: string, name: string, manifest: object): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, ...manifest }));
  return dir;
}

/** Packages and bytes `npm install keepcall` adds to a web app, a bare React Native app and an Expo app. */
export default async function installBench(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'keepcall-install-bench-'));
  try {
    const tarball = packKeepcall(work, ENV);
    const repo = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const web = app(work, 'web', {});
    const apps: Array<{ name: string; dir: string }> = [
      { name: 'web app', dir: web },
      {
        name: 'bare React Native app',
        dir: app(work, 'bare', {
          dependencies: {
            react: repo.devDependencies.react,
            'react-native': repo.devDependencies['react-native'],
          },
        }),
      },
      { name: 'Expo app (SDK 58 template)', dir: join(work, 'expo') },
    ];
    installableTemplate(join(work, 'expo'), ENV);

    // Sizes from a real install into the empty web app: keepcall's tree alone.
    const sized = app(work, 'sized', {});
    npm(['install', tarball, ...PLAIN], sized);
    const sizeOf = (path: string, version: string): number => {
      const name = packageName(path);
      const local = join(sized, 'node_modules', name);
      try {
        const manifest = JSON.parse(readFileSync(join(local, 'package.json'), 'utf8')) as { version: string };
        if (manifest.version === version) return bytesUnder(local);
      } catch {
        // Not in keepcall's own tree: the registry's figure below.
      }
      return Number(npm(['view', `${name}@${version}`, 'dist.unpackedSize'], sized).trim()) || 0;
    };

    const old = app(work, 'before', {});
    npm(['install', ...BEFORE, ...PLAIN], old);
    // Plus keepcall itself, about the same package then as now.
    const keepcallBytes = bytesUnder(join(sized, 'node_modules/keepcall'));
    const oldPackages = Object.keys(lockPackages(old)).length + 1;
    const oldMb = (bytesUnder(join(old, 'node_modules')) + keepcallBytes) / MB;
    const peer = 'keepcall 0.1.0 (Expo tooling as dependencies), empty project';

    const rows: BenchRow[] = [];
    for (const { name, dir } of apps) {
      const packages = added(dir, tarball);
      const bytes = [...packages].reduce((sum, [path, version]) => sum + sizeOf(path, version), 0);
      const names = [...packages.keys()].map(packageName).sort().join(', ');
      rows.push(
        {
          name: `npm install keepcall, ${name}: packages added (${names})`,
          value: packages.size,
          unit: 'packages',
          target: 'no Expo tooling',
          peer: { name: peer, value: oldPackages },
        },
        {
          name: `npm install keepcall, ${name}: size added on disk`,
          value: Math.round((bytes / MB) * 100) / 100,
          unit: 'MB',
          peer: { name: peer, value: Math.round(oldMb * 100) / 100 },
        },
      );
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
