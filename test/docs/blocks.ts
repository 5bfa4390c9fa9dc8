// The TypeScript code blocks of README.md and docs/*.md, type-checked as a reader's app would compile them:
// each block is a module of its own, `keepcall` is the installed package, and the app's own names a block
// uses (`call`, `createClient`, …) come from `./app`, the small declared prelude in test/docs/app.ts.
// A fence says where the block runs: ```ts (React Native, or the web in docs/web.md), ```ts web, ```ts node.
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const REPO = resolve(import.meta.dirname, '../..');
export const PRELUDE = join(import.meta.dirname, 'app.ts');

export type Platform = 'react-native' | 'web' | 'node';

export interface CodeBlock {
  /** The Markdown file, relative to the repository. */
  file: string;
  /** The line of the block's first code line in that file (1-based). */
  line: number;
  platform: Platform;
  /** A ```tsx block, compiled as JSX. */
  tsx: boolean;
  code: string;
}

const FENCE = /^```(ts|typescript|tsx)(?:\s+(react-native|web|node))?\s*$/;

/** The TypeScript blocks of one Markdown text; `file` names it in the results. */
export function extractBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  const fallback: Platform = file.endsWith('web.md') ? 'web' : 'react-native';
  for (let index = 0; index < lines.length; index += 1) {
    const open = FENCE.exec(lines[index] ?? '');
    if (!open) continue;
    const end = lines.findIndex((text, at) => at > index && text.startsWith('```'));
    if (end === -1) throw new Error(`${file}:${index + 1}: a code block is never closed`);
    const platform = (open[2] as Platform | undefined) ?? fallback;
    const code = lines.slice(index + 1, end).join('\n');
    blocks.push({ file, line: index + 2, platform, tsx: open[1] === 'tsx', code });
    index = end;
  }
  return blocks;
}

/** Every TypeScript block of README.md and docs/*.md. */
export function docsBlocks(): CodeBlock[] {
  const files = [
    'README.md',
    ...readdirSync(join(REPO, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) => extractBlocks(readFileSync(join(REPO, file), 'utf8'), file));
}

const CONDITIONS: Record<Platform, string[]> = {
  'react-native': ['react-native'],
  web: ['browser'],
  node: [],
};

/**
 * Type-checks `blocks` in `dir` against the keepcall installed at `keepcall` (a package folder), with every
 * other package from the repository's node_modules; returns each error as `file:line: message`.
 */
export function typeCheckBlocks(blocks: CodeBlock[], dir: string, keepcall: string): string[] {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  symlinkSync(keepcall, join(modules, 'keepcall'), 'dir');
  for (const name of readdirSync(join(REPO, 'node_modules'))) {
    if (name !== 'keepcall' && !name.startsWith('.'))
      symlinkSync(join(REPO, 'node_modules', name), join(modules, name));
  }
  cpSync(PRELUDE, join(dir, 'app.ts'));
  const where = new Map<string, CodeBlock>();
  const errors: string[] = [];
  for (const platform of Object.keys(CONDITIONS) as Platform[]) {
    const mine = blocks.filter((block) => block.platform === platform);
    if (mine.length === 0) continue;
    const roots = mine.map((block, index) => {
      const path = join(dir, `${platform}-${index}.${block.tsx ? 'tsx' : 'ts'}`);
      // `export {}` makes a block with no import a module too, so its names do not clash with another's.
      writeFileSync(path, `${block.code}\nexport {};\n`);
      where.set(path, block);
      return path;
    });
    const program = ts.createProgram(roots, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: CONDITIONS[platform],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      skipLibCheck: true,
      jsx: ts.JsxEmit.ReactJSX,
    });
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0];
      const block = diagnostic.file ? where.get(diagnostic.file.fileName) : undefined;
      if (diagnostic.file && block && diagnostic.start !== undefined) {
        const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
        errors.push(`${block.file}:${block.line + line}: ${message}`);
      } else {
        const file = diagnostic.file ? relative(dir, diagnostic.file.fileName) : '(no file)';
        errors.push(`${file} [${platform}]: ${message}`);
      }
    }
  }
  return errors;
}
