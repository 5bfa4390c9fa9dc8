// Test support: runs the `keepcall` CLI in-process and captures what it prints and its exit code.
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';

export const FIXTURES = join(import.meta.dirname, '../fixtures/doctor');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `keepcall …args`; `tty` pretends stdout is a terminal. */
export async function cli(
  args: string[],
  options: { tty?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

interface JsonReport {
  ok: boolean;
  inspected?: Record<string, string>;
  problems: { id: string; rule?: string; area: string; file: string; message: string; fix: string }[];
  notes: { area: string; message: string }[];
  error?: { file: string; reason: string };
}

/** Runs `keepcall doctor <dir> --json` and parses the report. */
export async function doctorJson(dir: string): Promise<{ code: number; report: JsonReport }> {
  const { code, stdout } = await cli(['doctor', dir, '--json']);
  return { code, report: JSON.parse(stdout) as JsonReport };
}

/** The problem ids of a report, sorted. */
export function ids(report: JsonReport): string[] {
  return report.problems.map((problem) => problem.id).sort();
}
