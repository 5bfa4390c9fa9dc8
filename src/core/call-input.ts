// What track() accepts. Checked in every build, release included, and before anything changes: a
// rejected call leaves the calls already tracked exactly as they were. No valibot and few words, so it
// costs React Native release bundles little.
import { KeepCallError } from './errors';
import type { CallLike } from './types';

// Every field a call may have; `?` marks an optional one. id and displayName are strings, the rest functions.
const FIELDS = 'id subscribe hangup setMuted displayName? setCameraEnabled?'.split(' ');

/**
 * Checks what `track()` was given; throws KeepCallError('invalid-config') naming the field, the value
 * given and what is allowed. Each field is read once, so a getter or Proxy that throws is named too.
 */
export function checkCall(input: unknown): CallLike {
  let field = 'the argument';
  let value = input;
  let allowed = 'a call (an object with id, subscribe, hangup and setMuted)';
  try {
    if (typeof input === 'object' && input !== null) {
      for (const entry of FIELDS) {
        field = entry.replace('?', '');
        value = (input as Record<string, unknown>)[field];
        const type = /^(id|displayName)$/.test(field) ? 'string' : 'function';
        allowed = `a ${field === 'id' ? 'non-empty string' : type}${field === entry ? '' : ', or leave it out'}`;
        const bad =
          typeof value === type ? field === 'id' && value === '' : value !== undefined || field === entry;
        if (bad) break;
        allowed = '';
      }
    }
  } catch (error) {
    throw new KeepCallError('invalid-config', `track: reading ${field} threw: ${error}`, { cause: error });
  }
  if (!allowed) return input as CallLike;
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'function'
        ? 'a function'
        : value && typeof value === 'object'
          ? 'an object'
          : String(value);
  throw new KeepCallError('invalid-config', `track: ${field} is ${shown}; expected ${allowed}`);
}
