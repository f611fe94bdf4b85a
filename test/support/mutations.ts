import fc from 'fast-check';
import { readFixtures } from './fixtures';

/** A JSON value, and a JSON object. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Every fixture (valid, unknown or invalid) whose body is a JSON object, as a fresh object. */
export function fixtureObjects(): JsonObject[] {
  return [...readFixtures('valid'), ...readFixtures('unknown'), ...readFixtures('invalid')].flatMap(
    ({ raw }) => {
      try {
        const value = JSON.parse(raw) as Json;
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : [];
      } catch {
        return [];
      }
    },
  );
}

/** Every object inside `value` (itself included), so a mutation can land at any depth. */
export function objectsIn(value: JsonObject): JsonObject[] {
  const found = [value];
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      found.push(...objectsIn(child));
    }
  }
  return found;
}

/** One change to one key of one object inside an event. */
export type Mutation = (target: JsonObject, key: string) => void;

/**
 * The usual ways a payload is bent: a key dropped, a value replaced by one of `values`, or a key
 * added (hostile names included) with one of them.
 */
export function basicMutations(
  values: fc.Arbitrary<Json>,
  addedKeys: readonly string[],
): fc.Arbitrary<Mutation>[] {
  return [
    fc.constant<Mutation>((target, key) => {
      delete target[key];
    }),
    values.map<Mutation>((value) => (target, key) => {
      target[key] = value;
    }),
    fc.tuple(fc.constantFrom(...addedKeys), values).map<Mutation>(([name, value]) => (target) => {
      // defineProperty, because assigning `__proto__` would change the prototype instead.
      Object.defineProperty(target, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }),
  ];
}

/** A fixture, its type and platform possibly switched, then bent up to three times. */
export function mutatedFixtures(options: {
  readonly types: fc.Arbitrary<string>;
  readonly platforms: fc.Arbitrary<string>;
  readonly mutation: fc.Arbitrary<Mutation>;
}): fc.Arbitrary<JsonObject> {
  return fc
    .record({
      seed: fc.constantFrom(...fixtureObjects()),
      type: fc.option(options.types, { freq: 2 }),
      platform: fc.option(options.platforms, { freq: 2 }),
      changes: fc.array(fc.tuple(options.mutation, fc.nat(), fc.nat()), { maxLength: 3 }),
    })
    .map(({ seed, type, platform, changes }) => {
      const event = structuredClone(seed);
      if (type !== null) event.type = type;
      const data = event.data;
      if (platform !== null && typeof data === 'object' && data !== null && !Array.isArray(data)) {
        data.platform = platform;
      }
      for (const [change, objectIndex, keyIndex] of changes) {
        const objects = objectsIn(event);
        const target = objects[objectIndex % objects.length]!;
        const keys = Object.keys(target);
        if (keys.length > 0) change(target, keys[keyIndex % keys.length]!);
      }
      return event;
    });
}
