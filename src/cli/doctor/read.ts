// Reading project files into plain data; every failure becomes an UnreadableProject naming the file and why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XML } from '@expo/config-plugins';
import { UnreadableProject } from './types';

type PlistLib = { parse(text: string): unknown };
// A specifier the bundler leaves alone: @expo/plist is Node-only (it needs `assert`), so it must stay an
// installed package rather than be inlined into dist/. It comes with @expo/config-plugins.
const PLIST_PACKAGE = '@expo/plist';
let plistLib: Promise<PlistLib> | undefined;

function loadPlist(): Promise<PlistLib> {
  plistLib ??= import(PLIST_PACKAGE).then((module: { default?: unknown }) => {
    // Node hands CommonJS modules to ESM as `default`; bundlers unwrap `__esModule`. Accept both shapes.
    const candidate = module as unknown as PlistLib & { default?: PlistLib & { default?: PlistLib } };
    if (typeof candidate.parse === 'function') return candidate;
    if (typeof candidate.default?.parse === 'function') return candidate.default;
    return candidate.default?.default as PlistLib;
  });
  return plistLib;
}

/** Reads a file as UTF-8 text. */
export async function readText(appDir: string, file: string): Promise<string> {
  try {
    return await readFile(join(appDir, file), 'utf8');
  } catch (error) {
    throw new UnreadableProject(
      file,
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error),
    );
  }
}

/** Parses XML text (xml2js shape); malformed XML is reported with its line and column. */
export async function parseXml(text: string, file: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = await XML.parseXMLAsync(text);
  } catch (error) {
    throw new UnreadableProject(file, `malformed XML: ${xmlReason(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object')
    throw new UnreadableProject(file, 'malformed XML: empty document');
  return parsed as Record<string, unknown>;
}

/** Parses an XML property list whose root is a dictionary. */
export async function parsePlist(text: string, file: string): Promise<Record<string, unknown>> {
  const plist = await loadPlist();
  let parsed: unknown;
  try {
    parsed = plist.parse(text);
  } catch (error) {
    const reason = error instanceof TypeError ? 'not an XML property list' : firstLine(error);
    throw new UnreadableProject(file, `malformed plist: ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UnreadableProject(file, 'malformed plist: the root is not a dictionary');
  }
  return parsed as Record<string, unknown>;
}

/** Parses JSON, reporting the parser's reason. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadableProject(file, `malformed JSON: ${firstLine(error)}`);
  }
}

function xmlReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(.*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (!match) return firstLine(error);
  // sax counts lines from 0.
  return `${match[1]} at line ${Number(match[2]) + 1}, column ${match[3]}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
