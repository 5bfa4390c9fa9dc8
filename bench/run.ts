// `npm run bench`: runs every bench/*.bench.ts (default export `async () => BenchRow[]`) one after
// another, prints one table (each figure, its target, the peer measured in the same run and the
// ratio to it) and writes the rows as JSON to bench/results/latest.json.
// `tsx bench/run.ts engine bundle` runs only the benches whose file names contain those words
// (written to bench/results/partial.json instead).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchRow } from './types';

const here = dirname(fileURLToPath(import.meta.url));

interface Result {
  bench: string;
  rows: BenchRow[];
  error?: string;
  seconds: number;
}

/** Checks a bench's output, naming the bench and the bad field. */
function checkRows(bench: string, rows: unknown): BenchRow[] {
  if (!Array.isArray(rows))
    throw new TypeError(`${bench}: default export resolved to ${typeof rows}, allowed: BenchRow[]`);
  for (const [index, row] of rows.entries()) {
    const r = row as Partial<BenchRow>;
    if (
      typeof r.name !== 'string' ||
      typeof r.unit !== 'string' ||
      typeof r.value !== 'number' ||
      !Number.isFinite(r.value)
    ) {
      throw new TypeError(
        `${bench}: row ${index} is ${JSON.stringify(row)}, allowed: { name: string, value: finite number, unit: string }`,
      );
    }
  }
  return rows as BenchRow[];
}

/** The value as people read it: thousands separated, at most two decimals. */
function formatNumber(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 2 });
}

/** The rows as a fixed-width text table. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['figure', 'value', 'unit', 'target', 'peer', 'peer value', 'ratio to peer'];
  const lines = rows.map((row) => [
    row.name,
    formatNumber(row.value),
    row.unit,
    row.target ?? '',
    row.peer?.name ?? '',
    row.peer ? formatNumber(row.peer.value) : '',
    row.peer && row.peer.value !== 0 ? `${(row.value / row.peer.value).toFixed(2)}×` : '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 5 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join(
    '\n',
  );
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = (await readdir(here))
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((word) => file.includes(word)))
    .sort();
  if (files.length === 0) {
    console.error(`no bench/*.bench.ts matched ${JSON.stringify(filters)}`);
    return 1;
  }
  const results: Result[] = [];
  for (const file of files) {
    const started = performance.now();
    process.stderr.write(`running ${file} … `);
    try {
      const module = (await import(pathToFileURL(join(here, file)).href)) as { default?: Bench };
      if (typeof module.default !== 'function') {
        throw new TypeError(`default export is ${typeof module.default}, allowed: async () => BenchRow[]`);
      }
      const rows = checkRows(file, await module.default());
      results.push({ bench: file, rows, seconds: (performance.now() - started) / 1000 });
      process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ bench: file, rows: [], error: message, seconds: (performance.now() - started) / 1000 });
      process.stderr.write(`FAILED: ${message}\n`);
    }
  }
  const rows = results.flatMap((result) => result.rows);
  console.log(formatTable(rows));
  for (const failed of results.filter((result) => result.error !== undefined)) {
    console.log(`\n${failed.bench} failed: ${failed.error}`);
  }
  const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, node ${process.version}, ${os.platform()}`;
  console.log(`\n${machine}`);
  const out = join(here, 'results');
  await mkdir(out, { recursive: true });
  const report = { date: new Date().toISOString(), machine, results };
  // A filtered run must not pass itself off as the full table.
  const name = filters.length === 0 ? 'latest.json' : 'partial.json';
  await writeFile(join(out, name), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written to bench/results/${name}`);
  return results.some((result) => result.error !== undefined) ? 1 : 0;
}

process.exitCode = await main();
