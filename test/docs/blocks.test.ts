// How the docs' code blocks are found: which fences, which platform, which lines (the type-check itself runs
// against the packed package in test/pack/pack.test.ts).
import { describe, expect, test } from 'vitest';
import { docsBlocks, extractBlocks } from './blocks';

describe('extractBlocks', () => {
  test('TypeScript fences only, with the line of their first code line and their platform', () => {
    const markdown = [
      'text', // 1
      '```ts', // 2
      'a();', // 3
      '```', // 4
      '```json', // 5
      '{}', // 6
      '```', // 7
      '```ts node', // 8
      'b();', // 9
      'c();', // 10
      '```', // 11
      '```tsx web', // 12
      'd();', // 13
      '```', // 14
    ].join('\n');
    expect(extractBlocks(markdown, 'docs/react-native.md')).toEqual([
      { file: 'docs/react-native.md', line: 3, platform: 'react-native', tsx: false, code: 'a();' },
      { file: 'docs/react-native.md', line: 9, platform: 'node', tsx: false, code: 'b();\nc();' },
      { file: 'docs/react-native.md', line: 13, platform: 'web', tsx: true, code: 'd();' },
    ]);
    expect(extractBlocks('```ts\nx();\n```', 'docs/web.md')[0]?.platform).toBe('web');
  });

  test('an unclosed block is an error naming the file and line', () => {
    expect(() => extractBlocks('x\n```ts\ny();', 'README.md')).toThrow(
      'README.md:2: a code block is never closed',
    );
  });

  test('README.md and every docs page are read', () => {
    const files = new Set(docsBlocks().map((block) => block.file));
    expect([...files].sort()).toEqual([
      'README.md',
      'docs/adapters.md',
      'docs/react-native.md',
      'docs/web.md',
    ]);
  });
});
