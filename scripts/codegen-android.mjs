// Generates the Java TurboModule spec (NativeKeepCallSpec.java) from src/react-native/NativeKeepCall.ts with
// the codegen of the React Native the JVM build compiles against (react-native's own @react-native/codegen),
// as an app's Gradle build does. Run by android/jvm/pom.xml; the output lives in the build dir only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) throw new Error('codegen-android: give the output directory as the first argument');

const require = createRequire(join(root, 'node_modules/react-native/package.json'));
const lib = dirname(require.resolve('@react-native/codegen/lib/generators/RNCodegen.js'));
const version = JSON.parse(readFileSync(join(lib, '../../package.json'), 'utf8')).version;
const schemaFile = join(mkdtempSync(join(tmpdir(), 'keepcall-schema-')), 'schema.json');
execFileSync(
  process.execPath,
  [join(lib, '../cli/combine/combine-js-to-schema-cli.js'), schemaFile, join(root, 'src/react-native')],
  {
    stdio: 'inherit',
  },
);
const { codegenConfig } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
require(join(lib, 'RNCodegen.js')).generate(
  {
    libraryName: codegenConfig.name,
    schema: JSON.parse(readFileSync(schemaFile, 'utf8')),
    outputDirectory: resolve(out),
    packageName: codegenConfig.android.javaPackageName,
    assumeNonnull: false,
  },
  { generators: ['modulesAndroid'] },
);
console.log(`codegen ${version}: ${codegenConfig.name} → ${out}`);
