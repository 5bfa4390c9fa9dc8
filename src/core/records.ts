// Records keyed by call ids. Ids are the SDK's: "constructor" or "__proto__" are ids like any other, so
// a record of them has no prototype and is read only through its own keys. Where the data must stay
// plain (the keeper: a device snapshot, `getState()`), these are used; the engine's own state uses Maps.

// Not Object.hasOwn: older Hermes engines lack it.
const own = (record: object, id: string): boolean => Object.hasOwn(record, id);

/** A plain-data record keyed by call id, without a prototype. */
export type IdRecord<T> = Record<string, T>;

/** An empty record with no prototype: `record["toString"]` is undefined until it is set. */
export function idRecord<T>(entries: Iterable<readonly [string, T]> = []): IdRecord<T> {
  const out = Object.create(null) as IdRecord<T>;
  for (const [id, value] of entries) out[id] = value;
  return out;
}

/** The record's own entry for `id`, whatever prototype the record has. */
export function entryOf<T>(record: IdRecord<T> | undefined, id: string): T | undefined {
  return record !== undefined && own(record, id) ? record[id] : undefined;
}

/** Whether the record has an own entry for `id`. */
export function hasEntry(record: IdRecord<unknown> | undefined, id: string): boolean {
  return record !== undefined && own(record, id);
}

/** A copy of the record with `id` set to `value`. */
export function withEntry<T>(record: IdRecord<T> | undefined, id: string, value: T): IdRecord<T> {
  const out = idRecord(Object.entries(record ?? {}));
  out[id] = value;
  return out;
}

/** A copy of the record without `id`; the same record when it has no such entry. */
export function withoutEntry<T>(record: IdRecord<T>, id: string): IdRecord<T> {
  if (!own(record, id)) return record;
  return idRecord(Object.entries(record).filter(([key]) => key !== id));
}
