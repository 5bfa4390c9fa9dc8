// The shape of src/, checked on every run so the engine stays readable in one sitting (issue 15):
// no import cycle in src/core or src/testing (type-only imports count: a cycle of types is still a
// knot a reader has to untie), no file in src/core over 250 lines, and the test oracle in src/testing
// keeps its own tables instead of importing the policies it judges.
// The import graph is dependency-cruiser's (a devDependency); this file only states the rules.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const MAX_LINES = 250;

const RULES: IForbiddenRuleType[] = [
  { name: 'no-cycle', severity: 'error', from: {}, to: { circular: true } },
  {
    // The models take their rules from PLATFORM_RULES and the platform docs, written independently: an
    // oracle that imports the policy (or the tables the policy is made of) agrees with it by construction.
    name: 'oracle-imports-no-policy',
    severity: 'error',
    from: { path: '^src/testing/' },
    to: {
      path: '^src/core/[^/]+/(policy|service-types|profile|allowed-types|notification|notification-permission|fallbacks|lifecycle)\\.ts$',
    },
  },
];

let graph: ICruiseResult;

beforeAll(async () => {
  const result = await cruise(
    ['src/core', 'src/testing'],
    {
      // Follow `import type` too: TypeScript's own resolution, before types are erased.
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      validate: true,
      ruleSet: { forbidden: RULES },
    },
    { extensions: ['.ts'] },
  );
  graph = result.output as ICruiseResult;
});

/** Every import cycle among files under `dir`, each once, as the files it goes through. */
function cyclesUnder(dir: string): string[][] {
  const cycles = new Map<string, string[]>();
  for (const violation of graph.summary.violations) {
    if (violation.rule.name !== 'no-cycle' || !violation.from.startsWith(dir)) continue;
    const files = (violation.cycle ?? []).map((step) => step.name);
    cycles.set([...files].sort().join(' '), files);
  }
  return [...cycles.values()];
}

/** Files under `dir` (relative to the repository) with their line counts. */
function lineCounts(dir: string): { file: string; lines: number }[] {
  const entries = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((entry) => entry.endsWith('.ts'))
    .map((entry) => {
      const text = readFileSync(join(ROOT, dir, entry), 'utf8');
      return { file: relative(ROOT, join(ROOT, dir, entry)), lines: text.trimEnd().split('\n').length };
    });
}

describe('the import graph', () => {
  it('counts type-only imports (model.ts uses config.ts only as types)', () => {
    const model = graph.modules.find((module) => module.source === 'src/core/model.ts');
    const config = model?.dependencies.find((dependency) => dependency.resolved === 'src/core/config.ts');
    expect(config?.dependencyTypes).toContain('type-only');
  });

  it('src/core has no import cycle', () => {
    expect(cyclesUnder('src/core/')).toEqual([]);
  });

  it('src/testing has no import cycle', () => {
    expect(cyclesUnder('src/testing/')).toEqual([]);
  });

  it('src/testing imports nothing from the policies of src/core (the oracle keeps its own tables)', () => {
    const imports = graph.summary.violations
      .filter((violation) => violation.rule.name === 'oracle-imports-no-policy')
      .map((violation) => `${violation.from} → ${violation.to}`);
    expect(imports).toEqual([]);
  });
});

describe('file sizes', () => {
  it(`no file in src/core is over ${MAX_LINES} lines`, () => {
    expect(lineCounts('src/core').filter(({ lines }) => lines > MAX_LINES)).toEqual([]);
  });
});
