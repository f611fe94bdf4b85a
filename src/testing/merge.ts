/**
 * Overrides for a factory: any subset of the event's fields at any depth. Plain objects are
 * merged into the generated event; arrays and every other value replace what was there; a key
 * set to `undefined` is removed, which is how a test builds an event with a field missing.
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
    : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `base` with `overrides` merged in; neither input is modified. Plain objects in `overrides`
 * are copied, never shared. Keys are defined rather than assigned so that an override named
 * `__proto__` stays an ordinary field instead of replacing the prototype.
 */
export function deepMerge<T>(base: T, overrides: unknown): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(overrides)) return overrides as T;
  const merged: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete merged[key];
      continue;
    }
    Object.defineProperty(merged, key, {
      value: deepMerge(Object.hasOwn(merged, key) ? merged[key] : undefined, value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged as T;
}
