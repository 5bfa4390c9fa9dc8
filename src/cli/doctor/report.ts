// Renders a doctor report for people (colour only on a terminal) or for tools (JSON).
import type { Area, DoctorReport, UnreadableProject } from './types';

const TITLES: Record<Area, string> = { android: 'Android', ios: 'iOS', expo: 'Expo' };
const AREAS: Area[] = ['android', 'ios', 'expo'];

export interface Style {
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** ANSI colours, or none. */
export function style(colour: boolean): Style {
  const wrap = (code: number, reset: number) => (text: string) =>
    colour ? `\u001b[${code}m${text}\u001b[${reset}m` : text;
  return { red: wrap(31, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** The readable report. */
export function formatText(report: DoctorReport, s: Style): string {
  const lines = [s.bold(`keepcall doctor: ${report.appDir}`), ''];
  for (const area of AREAS) {
    const file = report.inspected[area];
    if (!file) continue;
    lines.push(`${s.bold(TITLES[area])}  ${s.dim(file)}`);
    const problems = report.problems.filter((problem) => problem.area === area);
    if (problems.length === 0) lines.push(`  ${s.green('✓')} no problems`);
    for (const problem of problems) {
      const rule = problem.rule ? `[${problem.rule}] ` : '';
      lines.push(`  ${s.red('✗')} ${rule}${problem.message}`);
      if (problem.file !== file) lines.push(`      ${s.dim(`in ${problem.file}`)}`);
      lines.push(`      ${s.dim('fix:')} ${problem.fix}`);
    }
    lines.push('');
  }
  if (report.notes.length > 0) {
    lines.push(s.bold('Notes'));
    for (const note of report.notes) lines.push(`  ${s.dim('·')} ${TITLES[note.area]}: ${note.message}`);
    lines.push('');
  }
  const count = report.problems.length;
  lines.push(
    count === 0 ? s.green('No problems found.') : s.red(`${count} problem${count === 1 ? '' : 's'} found.`),
  );
  return `${lines.join('\n')}\n`;
}

/** The report as JSON for tools. */
export function formatJson(report: DoctorReport): string {
  return `${JSON.stringify({ ok: report.problems.length === 0, ...report }, null, 2)}\n`;
}

/** An unreadable project, for people. */
export function formatUnreadableText(error: UnreadableProject, s: Style): string {
  return `${s.red('keepcall doctor: cannot read the project')}\n  ${error.file}: ${error.reason}\n`;
}

/** An unreadable project, for tools. */
export function formatUnreadableJson(error: UnreadableProject): string {
  return `${JSON.stringify({ ok: false, error: { file: error.file, reason: error.reason } }, null, 2)}\n`;
}
