// What track() accepts. Checked in every build, release included (no valibot: a few typeof checks), and
// before anything changes: a rejected call leaves the calls already tracked exactly as they were.
import { KeepCallError } from './errors';
import type { CallLike } from './types';

const FUNCTIONS = ['subscribe', 'hangup', 'setMuted'] as const;
const EXPECTED = 'a call: an object with id (a non-empty string), subscribe, hangup and setMuted (functions)';

/**
 * Checks what `track()` was given; throws KeepCallError('invalid-config') naming the field, the value
 * given and what is allowed. Each field is read once, so a getter that throws is named too.
 */
export function checkCall(input: unknown): CallLike {
  if (typeof input !== 'object' || input === null) {
    throw new KeepCallError(
      'invalid-config',
      `track: the argument is ${describe(input)}; expected ${EXPECTED}`,
    );
  }
  const id = read(input, 'id');
  if (typeof id !== 'string' || id === '') {
    fail('id', id, 'a non-empty string (the call id)');
  }
  for (const name of FUNCTIONS) {
    const value = read(input, name);
    if (typeof value !== 'function') fail(name, value, 'a function');
  }
  const displayName = read(input, 'displayName');
  if (displayName !== undefined && typeof displayName !== 'string') {
    fail('displayName', displayName, 'a string, or leave it out');
  }
  const camera = read(input, 'setCameraEnabled');
  if (camera !== undefined && typeof camera !== 'function') {
    fail('setCameraEnabled', camera, 'a function, or leave it out');
  }
  return input as CallLike;
}

function read(input: object, field: string): unknown {
  try {
    return (input as Record<string, unknown>)[field];
  } catch (error) {
    throw new KeepCallError(
      'invalid-config',
      `track: reading ${field} threw (${error instanceof Error ? error.message : String(error)}); expected ${EXPECTED}`,
      { cause: error },
    );
  }
}

function fail(field: string, value: unknown, allowed: string): never {
  throw new KeepCallError('invalid-config', `track: ${field} is ${describe(value)}; expected ${allowed}`);
}

/** The value as a person reads it: short, typed, never "[object Object]". */
export function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
