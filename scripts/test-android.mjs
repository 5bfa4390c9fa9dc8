// Compiles keepcall's Android half on the JVM and runs its Robolectric tests (android/jvm, docs/android-jvm.md):
// Maven in batch mode, quiet, on the machine's JDK (17+), the tests on a JDK 21+ (API 36's framework is Java 21
// bytecode), then one line per API level from Surefire's reports. `--all-sdks` runs every level; the default run takes the levels below.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ALL_SDKS = [29, 31, 33, 34, 35, 36];
/**
 * The default run: the levels where what the user sees changes (29 types, 31 CallStyle, 34 type
 * permissions, 36 the newest) and the traces run; `--all-sdks` adds 33 and 35. All six made `npm test`
 * take 10 minutes on the shared 2-core machine (docs/android-jvm.md).
 */
const DEFAULT_SDKS = [29, 31, 34, 36];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'android/jvm');
const reports = join(project, 'library/target/surefire-reports');
const sdks = process.argv.includes('--all-sdks') ? ALL_SDKS : DEFAULT_SDKS;

/** The major version a JDK's `release` file names, or 0. */
function majorOf(home) {
  const release = join(home, 'release');
  if (!existsSync(release)) return 0;
  const version = readFileSync(release, 'utf8').match(/^JAVA_VERSION="(\d+)/m)?.[1];
  return Number(version ?? 0);
}

/** JAVA_HOME when it is 21+, else the newest JDK 21+ under /usr/lib/jvm; null when there is none. */
function findJdk() {
  const candidates = [process.env.JAVA_HOME, ...listJvms()].filter((home) => home && majorOf(home) >= 21);
  return candidates[0] ?? null;
}

function listJvms() {
  const dir = '/usr/lib/jvm';
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .sort((a, b) => majorOf(b) - majorOf(a));
}

const jdk = findJdk();
if (!jdk) {
  console.error(
    'test:android needs a JDK 21 or newer (Robolectric runs API 36 framework code compiled for Java 21): ' +
      'install one (for example Temurin 21) and set JAVA_HOME to it.',
  );
  process.exit(1);
}
try {
  execFileSync('mvn', ['-v'], { stdio: 'ignore' });
} catch {
  console.error(
    'test:android needs Maven 3.8+ on the PATH (it fetches the rest from Maven Central into ~/.m2).',
  );
  process.exit(1);
}

rmSync(reports, { recursive: true, force: true });
const maven = spawnSync(
  'mvn',
  [
    '-B',
    '-Dstyle.color=never',
    '-f',
    join(project, 'pom.xml'),
    'clean',
    'test',
    `-Dkeepcall.sdks=${sdks.join(',')}`,
    `-Dkeepcall.test.jvm=${join(jdk, 'bin/java')}`,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 },
);
// Maven's own log is long; what matters is an error, a compiler warning (with a file) and a failed test.
const said = `${maven.stdout ?? ''}\n${maven.stderr ?? ''}`
  .split('\n')
  .filter((line) => /^\[ERROR\]|^\[WARNING\] \/|^e: |<<< (FAILURE|ERROR)/.test(line))
  .filter(
    (line) =>
      !/^\[ERROR\] *$|Help 1|-e switch|-X switch|the following articles|After correcting|mvn <args>/.test(
        line,
      ),
  );
if (said.length) console.log(said.join('\n'));
/** Passed and failed test counts per API level, from Surefire's XML reports. */
function countsBySdk() {
  const counts = new Map(sdks.map((sdk) => [sdk, { passed: 0, failed: 0 }]));
  if (!existsSync(reports)) return counts;
  for (const name of readdirSync(reports).filter((n) => n.endsWith('.xml'))) {
    const xml = readFileSync(join(reports, name), 'utf8');
    for (const [, attrs, body] of xml.matchAll(/<testcase ([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const sdk = Number(attrs.match(/name="[^"]*\[(\d+)\]"/)?.[1]);
      const count = counts.get(sdk) ?? counts.set(sdk, { passed: 0, failed: 0 }).get(sdk);
      if (/<(failure|error)\b/.test(body ?? '')) count.failed++;
      else if (!/<skipped\b/.test(body ?? '')) count.passed++;
    }
  }
  return counts;
}

let passed = 0;
let failed = 0;
for (const [sdk, count] of countsBySdk()) {
  console.log(`android API ${sdk}: ${count.passed} passed, ${count.failed} failed`);
  passed += count.passed;
  failed += count.failed;
}
console.log(`android (JDK ${majorOf(jdk)}, Robolectric): ${passed} passed, ${failed} failed`);
process.exit(maven.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
