// Validation of what users pass in: every problem names the field, the value given and what is allowed.
// The schemas are in ./validate/schema.ts, reading the input once in ./validate/read.ts, and turning
// valibot's issues into those words in ./validate/describe.ts.
import * as v from 'valibot';
import type { ConfigInput, PushConfig } from './config';
import type { ConfigChecks } from './engine/contract';
import { KeepCallError } from './errors';
import { allowedKeys, describe, show } from './validate/describe';
import { isPlainSafely, snapshot } from './validate/read';
import { type AnySchema, configSchema, pushSchema } from './validate/schema';

export { MAX_CHANNEL_LENGTH, MAX_TEXT_LENGTH } from './validate/schema';

/** Checks a config patch; throws KeepCallError('invalid-config') naming the field, the value and what is allowed. */
export function validateConfig(input: unknown): ConfigInput {
  return check(configSchema, input, 'updateConfig') as ConfigInput;
}

/** Checks what `setPushConfig` was given, with the same kind of errors. */
export function validatePushConfig(input: unknown): PushConfig {
  return check(pushSchema, input, 'setPushConfig') as PushConfig;
}

function check(schema: AnySchema, input: unknown, where: string): unknown {
  const keys = allowedKeys(schema, []);
  const expected = `expected an object with any of the keys ${keys.join(', ')}`;
  if (!isPlainSafely(input, where, '(the argument)', expected)) {
    throw new KeepCallError('invalid-config', `${where}: the argument is ${show(input)}; ${expected}`);
  }
  // Validated and merged from one reading: a getter that answers differently the second time, or
  // throws, cannot slip past the check.
  const taken = snapshot(input, where, [], expected);
  const result = v.safeParse(schema, taken);
  if (result.success) return taken;
  // One problem per field: a number such as Infinity fails several checks at once.
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of result.issues) {
    const field = (issue.path ?? []).map((item) => String(item.key)).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    lines.push(describe(schema, issue));
  }
  throw new KeepCallError('invalid-config', `${where}: ${lines.join('; ')}`);
}

/** Both checks, as the runtime takes them. */
export const checks: ConfigChecks = { config: validateConfig, push: validatePushConfig };
