// Checks a model's options so a mistyped test setup fails loudly, naming field, value and what is allowed.

/** Throws unless `value` is an integer within [min, max]. */
export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${field}: got ${JSON.stringify(value)}, allowed: an integer from ${min} to ${max}`);
  }
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${field}: got ${JSON.stringify(value)}, allowed: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Throws unless `value` is an array whose every item is one of `allowed`. */
export function checkListOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(value)) {
    throw new RangeError(
      `${field}: got ${JSON.stringify(value)}, allowed: an array of ${allowed.join(', ')}`,
    );
  }
  return value.map((item, index) => checkOneOf(`${field}[${index}]`, item, allowed));
}

/** Throws unless `value` is an array of strings. */
export function checkStrings(field: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new RangeError(`${field}: got ${JSON.stringify(value)}, allowed: an array of strings`);
  }
  return value as string[];
}

/** Throws unless `value` is true or false. */
export function checkBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new RangeError(`${field}: got ${JSON.stringify(value)}, allowed: true or false`);
  return value;
}

/** Throws on the first key of `options` that is not in `allowed`: a misspelt option must not be ignored. */
export function checkKnownKeys(options: object, allowed: readonly string[]): void {
  const unknown = Object.keys(options).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new RangeError(`${unknown}: not an option, allowed: ${allowed.join(', ')}`);
  }
}

/** Every AppState, for validation. */
export const APP_STATES = ['active', 'inactive', 'background', 'pip', 'destroyed'] as const;
