// Reads the native sources and the codegen schema the native tests check them against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

/** One installed @react-native/codegen: where its `lib` is, and its version. */
export interface Codegen {
  version: string;
  lib: string;
}

const codegen = (name: string): Codegen => {
  const dir = join(ROOT, 'node_modules', name);
  return {
    version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version,
    lib: join(dir, 'lib'),
  };
};

/** The codegens an app may build the spec with: React Native 0.76's (the oldest peer) and the newest. */
export const CODEGENS: Codegen[] = [codegen('@react-native/codegen-0.76'), codegen('@react-native/codegen')];
const NEWEST = CODEGENS[CODEGENS.length - 1] as Codegen;

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

/** One field of an object type in the schema; a nullable one wraps its type in `typeAnnotation`. */
export interface SchemaField {
  name: string;
  optional: boolean;
  typeAnnotation: {
    type: string;
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
export function codegenSchema(
  specDir: string,
  { lib }: Codegen = NEWEST,
): { modules: Record<string, ModuleSchema> } {
  const out = join(mkdtempSync(join(tmpdir(), 'keepcall-codegen-')), 'schema.json');
  execFileSync(process.execPath, [join(lib, 'cli/combine/combine-js-to-schema-cli.js'), out, specDir], {
    stdio: 'pipe',
  });
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** Writes a one-file spec directory, for specs the codegen must refuse (or, named NativeKeepCall, generate). */
export function specDir(source: string, name = 'NativeBroken'): string {
  const dir = mkdtempSync(join(tmpdir(), 'keepcall-spec-'));
  writeFileSync(join(dir, `${name}.ts`), source);
  return dir;
}

/** The Java abstract class and ObjC++ protocol codegen generates from the schema, as text. */
export function generatedSpecs(schema: object, { lib }: Codegen = NEWEST): { java: string; objc: string } {
  const outputDirectory = mkdtempSync(join(tmpdir(), 'keepcall-generated-'));
  const { generate } = require(join(lib, 'generators/RNCodegen.js'));
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

/**
 * The values each string field of the spec's object types may hold, from the `'a' | 'b'` its doc comment
 * starts with, by type and field: the spec has no string-literal types (codegen 0.76 refuses them), so it
 * lists the values there.
 */
export function documentedValues(specPath: string): Record<string, Record<string, string[]>> {
  const text = readFileSync(specPath, 'utf8');
  const source = ts.createSourceFile(specPath, text, ts.ScriptTarget.Latest, true);
  const out: Record<string, Record<string, string[]>> = {};
  for (const node of source.statements) {
    if (!ts.isTypeAliasDeclaration(node) || !ts.isTypeLiteralNode(node.type)) continue;
    for (const member of node.type.members) {
      const comment = ts.getLeadingCommentRanges(text, member.getFullStart())?.at(-1);
      const union =
        comment && text.slice(comment.pos, comment.end).match(/^\/\*\*\s*('\w+'(?:\s*\|\s*'\w+')*)/);
      if (!union?.[1] || !member.name) continue;
      const values = [...union[1].matchAll(/'(\w+)'/g)].map((m) => m[1] ?? '');
      out[node.name.text] = { ...out[node.name.text], [member.name.getText(source)]: values.sort() };
    }
  }
  return out;
}
