// What went wrong, in words: the field, the value given (shown short) and what is allowed, including the
// keys an object may have when it has one too many.
import type * as v from 'valibot';
import { isPlain } from './read';
import type { AnySchema } from './schema';

/** One valibot issue in words: the field, the value given and what is allowed (or the keys allowed). */
export function describe(root: AnySchema, issue: v.BaseIssue<unknown>): string {
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
export function allowedKeys(root: AnySchema, path: readonly PathItem[], value?: unknown): string[] {
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

/** A value as an error message shows it: short, and named by kind where JSON would mislead. */
export function show(value: unknown): string {
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
