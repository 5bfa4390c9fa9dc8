// Reading what users pass in, once: a getter that answers differently the second time, or throws, cannot
// slip past the check, and a throwing one is reported naming the field.
import { KeepCallError, messageOf } from '../errors';

/** Whether `value` is a plain object: any realm's Object.prototype (a config built in another context is still plain), or none. */
export const isPlain = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/** A copy of the plain objects in `input`, each property read once; what is not plain is kept as is. */
export function snapshot(input: unknown, where: string, path: string[], expected: string): unknown {
  if (!isPlainSafely(input, where, path.join('.'), expected)) return input;
  const out: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(input as object);
  } catch (error) {
    throw unreadable(where, path.join('.') || '(the argument)', error, expected);
  }
  for (const key of keys) {
    const at = [...path, key];
    let value: unknown;
    try {
      value = (input as Record<string, unknown>)[key];
    } catch (error) {
      throw unreadable(where, at.join('.'), error, expected);
    }
    // defineProperty: a key named __proto__ stays a key (and is then refused as unknown).
    Object.defineProperty(out, key, {
      value: snapshot(value, where, at, expected),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function isPlainSafely(value: unknown, where: string, field: string, expected: string): boolean {
  try {
    return isPlain(value);
  } catch (error) {
    throw unreadable(where, field || '(the argument)', error, expected);
  }
}

/** The error for a field whose reading threw. */
function unreadable(where: string, field: string, error: unknown, expected: string): KeepCallError {
  const reason = messageOf(error);
  return new KeepCallError('invalid-config', `${where}: reading ${field} threw (${reason}); ${expected}`, {
    cause: error,
  });
}
