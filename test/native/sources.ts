// Reads the native sources and the codegen schema the native tests check them against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const CODEGEN = join(ROOT, 'node_modules/@react-native/codegen/lib');

/** Every file under `dir` whose name ends with one of `extensions`. */
export function filesUnder(dir: string, extensions: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.some((ext) => name.endsWith(ext))) out.push(path);
  }
  return out.sort();
}

/** The concatenated text of files. */
export function readAll(paths: string[]): string {
  return paths.map((path) => readFileSync(path, 'utf8')).join('\n');
}

/** One field of an object type in the schema; unions of strings list their `types`. */
export interface SchemaField {
  name: string;
  optional: boolean;
  typeAnnotation: {
    type: string;
    types?: { value?: string }[];
    typeAnnotation?: SchemaField['typeAnnotation'];
  };
}

export interface ModuleSchema {
  aliasMap: Record<string, { properties: SchemaField[] }>;
  spec: {
    methods: { name: string; typeAnnotation: { typeAnnotation: { params: unknown[] } } }[];
    eventEmitters: { name: string }[];
  };
  moduleName: string;
}

/** Runs @react-native/codegen's CLI on a spec directory; throws with its output when it refuses. */
export function codegenSchema(specDir: string): { modules: Record<string, ModuleSchema> } {
  const out = join(mkdtempSync(join(tmpdir(), 'keepcall-codegen-')), 'schema.json');
  execFileSync(process.execPath, [join(CODEGEN, 'cli/combine/combine-js-to-schema-cli.js'), out, specDir], {
    stdio: 'pipe',
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Writes a one-file spec directory, for specs the codegen must refuse. */
export function specDir(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'keepcall-spec-'));
  writeFileSync(join(dir, 'NativeBroken.ts'), source);
  return dir;
}

/** The Java abstract class and ObjC++ protocol codegen generates from the schema, as text. */
export function generatedSpecs(schema: object): { java: string; objc: string } {
  const outputDirectory = mkdtempSync(join(tmpdir(), 'keepcall-generated-'));
  const { generate } = require(join(CODEGEN, 'generators/RNCodegen.js'));
  generate(
    {
      libraryName: 'KeepCallSpec',
      schema,
      outputDirectory,
      packageName: 'dev.keepcall',
      assumeNonnull: false,
    },
    { generators: ['modulesAndroid', 'modulesIOS'] },
  );
  return {
    java: readFileSync(join(outputDirectory, 'java/dev/keepcall/NativeKeepCallSpec.java'), 'utf8'),
    objc: readFileSync(join(outputDirectory, 'KeepCallSpec/KeepCallSpec.h'), 'utf8'),
  };
}

/** ObjC method selectors (`name:label:label:`) declared or defined in `text`. */
export function objcSelectors(text: string): string[] {
  const selectors: string[] = [];
  const pattern = /^-\s*\([^)]*\)\s*(\w+)([^;{]*)/gm;
  for (const match of text.matchAll(pattern)) {
    const [, first, rest = ''] = match;
    const labels = [...rest.matchAll(/(\w+)\s*:\s*\(/g)].map((m) => `${m[1]}:`);
    selectors.push(rest.trimStart().startsWith(':') ? `${first}:${labels.join('')}` : `${first}`);
  }
  return selectors;
}
