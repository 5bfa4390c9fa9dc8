// Validation of what users pass in: every problem names the field, the value given and what is allowed.
import * as v from 'valibot';
import type { ConfigInput, PushConfig } from './config';
import type { ConfigChecks } from './engine/contract';
import { KeepCallError } from './errors';

type AnySchema = v.GenericSchema;

/**
 * The longest text keepcall passes on: Android's Notification.Builder cuts every CharSequence at 5120
 * characters (MAX_CHARSEQUENCE_LENGTH), so a longer one would be shown cut, not as given.
 */
export const MAX_TEXT_LENGTH = 5120;
/** NotificationChannel cuts its id and name at 1000 characters: a longer id would name another channel. */
export const MAX_CHANNEL_LENGTH = 1000;

const blank = (value: string) => value.trim() === '';
// C0 and C1 controls and DEL: nothing Android shows, and a channel id must be typed back exactly.
const CONTROL = /\p{Cc}/u;
const bounded = (max: number) => v.check((value: string) => value.length <= max, `at most ${max} characters`);
const text = (what: string) =>
  v.pipe(
    v.string('a string'),
    v.check((value) => !blank(value), `${what} (a non-empty string, not only spaces)`),
    v.check((value) => !CONTROL.test(value), `${what} without control characters`),
    bounded(MAX_CHANNEL_LENGTH),
  );
const label = () =>
  v.pipe(
    v.string('a string'),
    v.check((value) => !blank(value), 'a non-empty string, not only spaces'),
    bounded(MAX_TEXT_LENGTH),
  );
const body = () => v.pipe(v.string('a string'), bounded(MAX_TEXT_LENGTH));
const flag = () => v.boolean('true or false');
const milliseconds = () =>
  v.pipe(
    v.number('a number of milliseconds'),
    v.integer('a whole number of milliseconds'),
    v.minValue(0, 'a number of milliseconds ≥ 0'),
    v.maxValue(600_000, 'a number of milliseconds ≤ 600000'),
    // -0 passes ≥ 0 but is no setting anyone means; say so rather than store it.
    v.check((value) => !Object.is(value, -0), 'a number of milliseconds ≥ 0 (0, not -0)'),
  );
const fn = () => v.function('a function');
// valibot's strictObject takes an array, a Map or a Date for an object with no keys, which the merge
// would then ignore: a config section must be a plain object.
const isPlain = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  // Any realm's Object.prototype (a config built in another context is still plain), or none.
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
};
const section = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(v.custom<Record<string, unknown>>(isPlain, 'a plain object'), v.strictObject(entries));
// An optional setting that can also be removed again with null.
const removable = <T extends AnySchema>(schema: T) => v.optional(v.nullable(schema));

// The app's own buttons: few (Android shows two besides Hang up, Chromium two in all), each id once, and
// none named like keepcall's own, so an id always says whose button it is.
const RESERVED_ACTIONS = ['hangup', 'mute', 'unmute', 'return'];
const appActions = () =>
  v.pipe(
    v.array(
      v.strictObject({
        id: v.pipe(
          v.string('an action id'),
          v.regex(/^[\w.-]{1,64}$/, 'an action id (1–64 letters, digits, "_", "." or "-")'),
          v.notValues(RESERVED_ACTIONS, `an id other than keepcall's own (${RESERVED_ACTIONS.join(', ')})`),
        ),
        label: label(),
      }),
      'a list of { id, label }',
    ),
    v.maxLength(2, 'at most two actions'),
    v.check(
      (actions) => new Set(actions.map((action) => action.id)).size === actions.length,
      'actions with different ids',
    ),
  );

const tapSchema = v.variant(
  'kind',
  [
    v.strictObject({ kind: v.literal('launch') }),
    v.strictObject({
      kind: v.literal('activity'),
      name: v.pipe(
        v.string('an activity class name'),
        v.regex(
          /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/,
          'a fully-qualified activity class name (com.example.app.CallActivity)',
        ),
      ),
    }),
    v.strictObject({
      kind: v.literal('uri'),
      uri: v.pipe(
        v.string('a URI'),
        v.regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'a URI with a scheme, which the app handles (myapp://call)'),
      ),
    }),
  ],
  '{ kind: "launch" }, { kind: "activity", name } or { kind: "uri", uri }',
);

const androidSchema = section({
  channel: v.optional(
    section({ id: v.optional(text('a channel id')), name: v.optional(text('a channel name')) }),
  ),
  notificationTexts: v.optional(section({ title: v.optional(label()), body: v.optional(body()) })),
  actionLabels: v.optional(
    section({ hangup: v.optional(label()), mute: v.optional(label()), unmute: v.optional(label()) }),
  ),
  smallIcon: v.optional(
    v.pipe(
      v.string('a drawable resource name'),
      v.regex(/^[a-z][a-z0-9_]*$/, 'a drawable resource name (lowercase letters, digits, underscores)'),
    ),
  ),
  profile: removable(
    v.picklist(['media', 'phoneCall'], '"media" or "phoneCall", or null to follow the manifest'),
  ),
  lockScreenVisibility: v.optional(
    v.picklist(['public', 'private', 'secret'], '"public", "private" or "secret"'),
  ),
  stopDebounceMs: v.optional(milliseconds()),
  endOnTaskRemoved: v.optional(flag()),
  taskToRun: removable(v.function('a function, or null to remove it')),
  tap: v.optional(tapSchema),
  muteAction: v.optional(flag()),
  actions: v.optional(appActions()),
});

const configSchema = v.strictObject({
  adoptGraceMs: v.optional(milliseconds()),
  foregroundService: v.optional(section({ android: v.optional(androidSchema) })),
  ios: v.optional(
    section({
      appName: v.optional(body()),
      supportsVideo: v.optional(flag()),
      includesCallsInRecents: v.optional(flag()),
      iconTemplateImageName: removable(
        v.pipe(
          v.string('a string, or null to remove it'),
          v.check((value) => !blank(value), 'a non-empty string, not only spaces'),
        ),
      ),
    }),
  ),
  web: v.optional(
    section({
      mediaSession: v.optional(flag()),
      notification: v.optional(flag()),
      pictureInPicture: v.optional(v.picklist(['video', 'always', 'never'], '"video", "always" or "never"')),
      wakeLock: v.optional(flag()),
      beforeUnloadGuard: v.optional(flag()),
      notificationTexts: v.optional(section({ title: v.optional(label()), body: v.optional(body()) })),
      actionLabels: v.optional(section({ return: v.optional(label()), hangup: v.optional(label()) })),
      actions: v.optional(appActions()),
    }),
  ),
});

const pushSchema = v.strictObject({
  ios: v.optional(section({ enableOngoingCalls: v.optional(flag()) })),
  createClient: v.optional(fn()),
});

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

function describe(root: AnySchema, issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  const keys = path.map((item) => String(item.key));
  const field = keys.length > 0 ? keys.join('.') : '(the argument)';
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const parent = keys.slice(0, -1);
    const allowed = allowedKeys(root, path.slice(0, -1), path.at(-1)?.input);
    const at = parent.length > 0 ? ` in ${parent.join('.')}` : '';
    return `unknown key "${keys.at(-1)}"${at}; allowed keys: ${allowed.join(', ')}`;
  }
  // A required key left out (an action's label, a tap's activity name).
  if (issue.message.startsWith('Invalid key:')) return `${field} is missing`;
  return `${field} is ${show(issue.input)}; expected ${cleanExpected(issue.message, issue)}`;
}

function cleanExpected(message: string, issue: v.BaseIssue<unknown>): string {
  if (message.startsWith('Invalid type: Expected')) return `a value of type ${issue.expected ?? 'unknown'}`;
  return message;
}

type PathItem = { key: unknown; input: unknown };
type Node = {
  type?: string;
  wrapped?: unknown;
  pipe?: unknown[];
  entries?: Record<string, unknown>;
  item?: unknown;
  key?: string;
  options?: Node[];
};

/** The keys allowed in the object at `path`; `value` is that object, which picks a variant's option. */
function allowedKeys(root: AnySchema, path: readonly PathItem[], value?: unknown): string[] {
  let node: unknown = root;
  for (const item of path) node = child(node, item);
  const entries = (resolve(node, value) as Node | undefined)?.entries;
  return entries ? Object.keys(entries) : [];
}

/** The schema of `item.key` inside the container `item.input`. */
function child(schema: unknown, item: PathItem): unknown {
  const node = resolve(schema, item.input) as Node | undefined;
  if (node?.type === 'array') return node.item;
  return node?.entries?.[String(item.key)];
}

/** The object schema behind optional/nullable wrappers and pipes; a variant's option for `value`. */
function resolve(schema: unknown, value: unknown): unknown {
  const node = unwrap(schema) as Node | undefined;
  if (node?.type !== 'variant' || !node.key) return node;
  const kind = (value as Record<string, unknown> | undefined)?.[node.key];
  return node.options?.find(
    (option) => (option.entries?.[node.key as string] as { literal?: unknown })?.literal === kind,
  );
}

// The object schema inside optional(...), nullable(...) and section(...)'s pipe.
function unwrap(schema: unknown): unknown {
  let node = schema as { type?: string; wrapped?: unknown; pipe?: unknown[] } | undefined;
  while (node) {
    if ((node.type === 'optional' || node.type === 'nullable') && node.wrapped)
      node = node.wrapped as typeof node;
    else if (node.pipe && !('entries' in node)) {
      const object = node.pipe.find(
        (item) =>
          item && typeof item === 'object' && ('entries' in item || 'item' in item || 'options' in item),
      );
      if (!object) break;
      node = object as typeof node;
    } else break;
  }
  return node;
}

/** A copy of the plain objects in `input`, each property read once; what is not plain is kept as is. */
function snapshot(input: unknown, where: string, path: string[], expected: string): unknown {
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

function isPlainSafely(value: unknown, where: string, field: string, expected: string): boolean {
  try {
    return isPlain(value);
  } catch (error) {
    throw unreadable(where, field || '(the argument)', error, expected);
  }
}

function unreadable(where: string, field: string, error: unknown, expected: string): KeepCallError {
  const reason = error instanceof Error ? error.message : String(error);
  return new KeepCallError('invalid-config', `${where}: reading ${field} threw (${reason}); ${expected}`, {
    cause: error,
  });
}

function show(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') {
    // A long text is named by its start and length, not repeated whole.
    return value.length > 60
      ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isPlain(value)) {
    const proto = Object.getPrototypeOf(value);
    const maker = Object.hasOwn(proto, 'constructor') ? (proto.constructor as { name?: string }).name : '';
    if (maker && maker !== 'Object') return `a ${maker}`;
    // { __proto__: {…} } or Object.create(…): what it inherits would be ignored by the merge.
    return 'an object with a prototype of its own ({ __proto__: … } or Object.create), whose inherited keys would be ignored';
  }
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return String(value);
  }
}

/** Both checks, as the runtime takes them. */
export const checks: ConfigChecks = { config: validateConfig, push: validatePushConfig };
