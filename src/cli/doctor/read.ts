// Reading project files into plain data; every failure becomes an UnreadableProject naming the file and why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ExpoTooling, loadExpoTooling } from '../../plugin/expo-tooling';
import { UnreadableProject } from './types';

type PlistLib = { parse(text: string): unknown };
// The app folder doctor reads: Expo's tooling (XML, plist, config loading) is the app's own, resolved from
// there on first use. One doctor run at a time per process (the CLI), so one folder.
let appRoot = process.cwd();

/** Makes the reading functions take Expo's tooling from the app at `appDir` (then the working folder). */
export function readToolingFrom(appDir: string): void {
  appRoot = appDir;
}

/** Expo's tooling as the app resolves it; throws MissingExpoTooling naming what to install. */
export function doctorTooling(): ExpoTooling {
  return loadExpoTooling([appRoot, process.cwd()], 'keepcall doctor');
}

function loadPlist(): PlistLib {
  // A CommonJS package: `parse` on the module, or on `default` when a bundler wrapped it.
  const module = doctorTooling().load('@expo/plist') as PlistLib & { default?: PlistLib };
  return typeof module.parse === 'function' ? module : (module.default as PlistLib);
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
    parsed = await doctorTooling().configPlugins.XML.parseXMLAsync(text);
  } catch (error) {
    throw new UnreadableProject(file, `malformed XML: ${xmlReason(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object')
    throw new UnreadableProject(file, 'malformed XML: empty document');
  return parsed as Record<string, unknown>;
}

/** Parses an XML property list whose root is a dictionary. */
export async function parsePlist(text: string, file: string): Promise<Record<string, unknown>> {
  const plist = loadPlist();
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
