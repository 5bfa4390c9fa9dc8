// The `keepcall` command line: argument parsing, dispatch, output and exit codes (0 clean, 1 problems, 2 usage).
import { MissingExpoTooling } from '../plugin/expo-tooling';
import { doctor, UnreadableProject } from './doctor/index';
import { formatJson, formatText, formatUnreadableJson, formatUnreadableText, style } from './doctor/report';

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

export const HELP = `Usage: keepcall doctor [app-dir] [--json]

Checks an app's AndroidManifest.xml, Info.plist and Expo config for everything that would
keep keepcall from keeping a call alive, and prints a fix for each problem.

  app-dir    the app's folder (default: the current folder)
  --json     print the report as JSON
  --help     show this help

Exit codes: 0 no problems, 1 problems found, 2 bad usage or an unreadable project.
`;

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const flags = argv.filter((arg) => arg.startsWith('-'));
  const words = argv.filter((arg) => !arg.startsWith('-'));
  if (flags.includes('--help') || flags.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  const unknown = flags.filter((flag) => flag !== '--json');
  const [command, appDir, ...extra] = words;
  const usage = (message: string) => {
    io.stderr.write(`keepcall: ${message}\n\n${HELP}`);
    return 2;
  };
  if (unknown.length > 0)
    return usage(`unknown option ${unknown.map((flag) => `"${flag}"`).join(', ')}; allowed: --json, --help`);
  if (command === undefined) return usage('missing command; the only command is "doctor"');
  if (command !== 'doctor') return usage(`unknown command "${command}"; the only command is "doctor"`);
  if (extra.length > 0)
    return usage(`doctor takes one app folder, got also ${extra.map((word) => `"${word}"`).join(', ')}`);

  const json = flags.includes('--json');
  const s = style(!json && io.stdout.isTTY === true && !io.env.NO_COLOR);
  try {
    const report = await doctor(appDir ?? io.cwd);
    io.stdout.write(json ? formatJson(report) : formatText(report, s));
    return report.problems.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof MissingExpoTooling) {
      io.stderr.write(`keepcall: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof UnreadableProject)) throw error;
    if (json) io.stdout.write(formatUnreadableJson(error));
    else io.stderr.write(formatUnreadableText(error, s));
    return 2;
  }
}
