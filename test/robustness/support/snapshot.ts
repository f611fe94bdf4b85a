import { serialize } from 'node:v8';

/**
 * Structural snapshots that survive any depth. `JSON.stringify`, `structuredClone` and
 * `util.isDeepStrictEqual` all recurse and overflow the stack near 10,000 levels, and the
 * robustness tests feed values far deeper than that.
 */
export type Snapshot = readonly unknown[];

const OPEN = Symbol('open');
const HOLE = Symbol('hole');

/** Arrays and plain objects are walked; anything else (typed arrays, Map, Date...) is opaque. */
function isWalked(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** Queues an object's children so that they pop in key order, each key before its value. */
function queueChildren(value: object, tokens: unknown[], pending: unknown[]): void {
  if (Array.isArray(value)) {
    // Indexing arrays, not listing their keys, keeps 100,000 nested arrays to milliseconds.
    tokens.push(value.length);
    for (let index = value.length - 1; index >= 0; index--) {
      pending.push(index in value ? value[index] : HOLE);
    }
    return;
  }
  const keys = Reflect.ownKeys(value);
  tokens.push(keys.length);
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index]!;
    pending.push((value as Record<PropertyKey, unknown>)[key], key);
  }
}

/**
 * A flat token list equal, element by element under `Object.is`, for two values with the same
 * structure: same prototypes, same own keys in the same order, same array holes, same
 * primitives (`-0` and `NaN` told apart). Keys are read, so getters would run; tests pass none.
 */
export function snapshot(value: unknown): Snapshot {
  const tokens: unknown[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null) {
      tokens.push(current);
    } else if (isWalked(current)) {
      tokens.push(OPEN, Object.getPrototypeOf(current));
      queueChildren(current, tokens, pending);
    } else {
      tokens.push(OPEN, Object.getPrototypeOf(current), serialize(current).toString('base64'));
    }
  }
  return tokens;
}

/** Whether two snapshots describe the same structure. */
export function sameSnapshot(left: Snapshot, right: Snapshot): boolean {
  return (
    left.length === right.length && left.every((token, index) => Object.is(token, right[index]))
  );
}

/** The built-in prototypes a pollution attack targets, as their own keys and property values. */
export function prototypesSnapshot(): Snapshot {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap(
    (prototype) =>
      Reflect.ownKeys(prototype).flatMap((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
        return [key, descriptor.value, descriptor.get, descriptor.set, descriptor.writable];
      }),
  );
}
