// The command line itself: usage errors, help, JSON, colour only on a terminal, exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, FIXTURES } from './run';

const ESC = '\u001b[';
const broken = join(FIXTURES, 'typo-permission');

describe('usage', () => {
  test('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: keepcall doctor [app-dir] [--json]');
    expect(stdout).toContain('0 no problems, 1 problems found, 2 bad usage');
  });

  const bad: [string[], string][] = [
    [[], 'missing command'],
    [['check'], 'unknown command "check"'],
    [['doctor', '--jsn'], 'unknown option "--jsn"'],
    [['doctor', 'a', 'b'], 'doctor takes one app folder, got also "b"'],
  ];
  test.each(bad)('%j exits 2 saying what is wrong', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  test('a folder that does not exist, or holds no app, exits 2 naming it', async () => {
    const missing = await cli(['doctor', '/nonexistent/app']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/app: no such folder');
    const empty = mkdtempSync(join(tmpdir(), 'keepcall-empty-'));
    try {
      const result = await cli(['doctor', empty]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not an app folder');
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  test('a malformed file exits 2 with the file and the reason, never a stack trace', async () => {
    const { code, stderr } = await cli(['doctor', join(FIXTURES, 'malformed-manifest')]);
    expect(code).toBe(2);
    expect(stderr).toContain('android/app/src/main/AndroidManifest.xml: malformed XML');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('output', () => {
  test('the readable report names the file, each problem with its rule, and its fix', async () => {
    const { code, stdout } = await cli(['doctor', broken]);
    expect(code).toBe(1);
    expect(stdout).toContain('Android  android/app/src/main/AndroidManifest.xml');
    expect(stdout).toContain(
      '✗ [A13] uses-permission "android.permission.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK"',
    );
    expect(stdout).toContain('fix: use "android.permission.FOREGROUND_SERVICE_MEDIA_PLAYBACK"');
    expect(stdout).toContain('2 problems found.');
  });

  test('colour on a terminal only, and never with NO_COLOR', async () => {
    expect((await cli(['doctor', broken], { tty: true })).stdout).toContain(ESC);
    expect((await cli(['doctor', broken], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await cli(['doctor', broken])).stdout).not.toContain(ESC);
    expect((await cli(['doctor', broken, '--json'], { tty: true })).stdout).not.toContain(ESC);
  });

  test('--json gives ok, the inspected files, problems and notes', async () => {
    const { code, stdout } = await cli(['doctor', '--json', join(FIXTURES, 'android-clean')]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      inspected: Record<string, string>;
      problems: unknown[];
    };
    expect(report.ok).toBe(true);
    expect(report.inspected).toEqual({ android: 'android/app/src/main/AndroidManifest.xml' });
    expect(report.problems).toEqual([]);
  });
});
