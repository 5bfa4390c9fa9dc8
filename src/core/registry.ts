// One client per key (for example api key + user id), so state changed in the background is not lost.
const instances = new Map<string, unknown>();

/** Returns the client made for `key`, creating it with `factory` the first time. */
export function getOrCreateInstance<T>(key: string, factory: () => T): T {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TypeError(`getOrCreateInstance: key must be a non-empty string, got ${JSON.stringify(key)}`);
  }
  if (instances.has(key)) return instances.get(key) as T;
  const instance = factory();
  instances.set(key, instance);
  // An async factory that fails (offline at a cold start) must not leave its rejection as the client
  // for good: the next call, a notification hang-up say, builds again.
  if (isThenable(instance)) {
    instance.then(undefined, () => {
      if (instances.get(key) === instance) instances.delete(key);
    });
  }
  return instance;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Forgets the client made for `key` (for example at logout); returns whether one existed. */
export function removeInstance(key: string): boolean {
  return instances.delete(key);
}
