// Config validation under Metro (checks.native.ts): valibot's checks in a development build, none in a
// release build, where Metro sets __DEV__ to false and drops the require with valibot behind it.
// The file is transpiled to CommonJS and run with __DEV__ and require given from outside, as a bundler
// runs a module (the real Metro runs it in test/pack).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { ConfigChecks } from '../../src/core/engine/contract';
import { KeepCallError } from '../../src/core/errors';
import * as validate from '../../src/core/validate';
import { checks as fallbackChecks } from '../../src/react-native/checks';

const SOURCE = readFileSync(resolve(import.meta.dirname, '../../src/react-native/checks.native.ts'), 'utf8');

/** checks.native.ts evaluated with `__DEV__`; `required` lists every id it asked `require` for. */
async function evaluate(dev: boolean): Promise<{ checks: ConfigChecks | undefined; required: string[] }> {
  const { code } = await transform(SOURCE, { loader: 'ts', format: 'cjs', target: 'es2020' });
  const required: string[] = [];
  const module = { exports: {} as { checks?: ConfigChecks } };
  const require = (id: string) => {
    required.push(id);
    if (id === '../core/validate') return validate;
    throw new Error(`checks.native.ts required ${id}`);
  };
  runInNewContext(code, { module, exports: module.exports, require, __DEV__: dev });
  return { checks: module.exports.checks, required };
}

/** What `run` threw. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checks.native.ts (Metro)', () => {
  it('in a development build: valibot’s checks, which reject a bad config naming the field', async () => {
    const { checks, required } = await evaluate(true);
    expect(required).toEqual(['../core/validate']);
    expect(checks).toBe(validate.checks);

    const error = thrown(() => checks?.config({ ios: { appName: 42 } }));
    expect(error).toBeInstanceOf(KeepCallError);
    expect(error).toMatchObject({ code: 'invalid-config' });
    expect((error as Error).message).toContain('ios.appName is 42');

    const push = thrown(() => checks?.push({ ios: { enableOngoingCalls: 'yes' } }));
    expect(push).toMatchObject({ code: 'invalid-config' });
    expect((push as Error).message).toContain('ios.enableOngoingCalls');

    const good = { ios: { appName: 'Acme Meet' } };
    // What passes is a copy read once (a getter cannot answer differently when merged).
    expect(checks?.config(good)).toEqual(good);
  });

  it('in a release build: no checks, and validate is never required', async () => {
    const { checks, required } = await evaluate(false);
    expect(checks).toBeUndefined();
    expect(required).toEqual([]);
  });

  it('with __DEV__ replaced by false, as Metro does, no require is left for the bundler to follow', async () => {
    const { code } = await transform(SOURCE, {
      loader: 'ts',
      format: 'cjs',
      define: { __DEV__: 'false' },
      minifySyntax: true,
    });
    expect(code).not.toContain('require(');
    expect(code).not.toContain('validate');
  });
});

describe('checks.ts (outside Metro: Node, tests)', () => {
  it('always validates: a bad config is rejected naming the field', () => {
    expect(() => fallbackChecks?.config({ foregroundService: { android: { stopDebounceMs: -5 } } })).toThrow(
      /foregroundService\.android\.stopDebounceMs is -5/,
    );
  });
});
