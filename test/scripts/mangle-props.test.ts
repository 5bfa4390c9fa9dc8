// The engine's private property names that dist/rn ships shortened (scripts/mangle-props.mjs) must be
// private: a name users, native code or a built-in read would break in an app, though src passes every
// test. The React Native suites also run over the shortened engine (vitest.config.ts's second project).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANGLED_NAMES } from '../../scripts/mangle-props.mjs';
import { mangledEngine } from './mangled-engine';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const tree = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));

/** Files whose shapes users, native code or keepcall/testing see: their field names must stay. */
const PUBLIC_SHAPES = [
  ...tree('src/core/types'),
  'src/core/config.ts',
  'src/core/model.ts',
  'src/core/errors.ts',
  'src/core/facade.ts',
  'src/core/engine/contract.ts',
  'src/core/android/memory.ts',
  'src/core/ios/memory.ts',
  'src/react-native/NativeKeepCall.ts',
  'src/react-native/binding.ts',
];

/** Built-ins the engine calls methods of. */
const BUILT_INS: object[] = [
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  WeakMap.prototype,
  WeakSet.prototype,
  Promise.prototype,
  Function.prototype,
  String.prototype,
  Error.prototype,
  AbortController.prototype,
  AbortSignal.prototype,
  globalThis,
];

describe('the names dist/rn shortens', () => {
  it('are no field of a public shape', () => {
    const fields = PUBLIC_SHAPES.flatMap((file) =>
      // A property (`name: T`, `name?: T`) or a method signature (`name(…): T`).
      [...read(file).matchAll(/^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)(?:\??:|\??\([^)]*\):)/gm)].map(
        (match) => `${match[1]} (${file})`,
      ),
    );
    expect(fields.filter((field) => MANGLED_NAMES.includes(field.split(' ')[0] ?? ''))).toEqual([]);
  });

  it('are no built-in’s member', () => {
    expect(MANGLED_NAMES.filter((name) => BUILT_INS.some((object) => name in object))).toEqual([]);
  });

  it('are never read through a string (obj["name"], "name" in obj, a quoted key)', () => {
    const quoted = [...tree('src/core'), ...tree('src/react-native')].flatMap((file) =>
      MANGLED_NAMES.filter((name) =>
        // A type's indexed access (Reduction['control']) is erased: only values count.
        new RegExp(
          `(?<![A-Z]\\w*)\\[\\s*(['"\`])${name}\\1|(['"\`])${name}\\2\\s*in\\b|[{,]\\s*(['"\`])${name}\\3\\s*:`,
        ).test(read(file)),
      ).map((name) => `${name} in ${file}`),
    );
    expect(quoted).toEqual([]);
  });

  it('are shortened in the engine the React Native suites run over', async () => {
    const plugin = mangledEngine(root) as {
      transform: (code: string, id: string) => Promise<{ code: string }>;
    };
    const file = join(root, 'src/core/engine/order.ts');
    const { code } = await plugin.transform(read('src/core/engine/order.ts'), file);
    expect(code).not.toMatch(/\.(snapshotting|superseded|deferred|inFlight)\b/);
    expect(code).toMatch(/\.model\.now\b/);
  });
});
