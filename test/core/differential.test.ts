/**
 * The fast validator must be indistinguishable from the valibot schemas it restates: for every
 * input, the same verdict and the same issue paths in the same order. Inputs are fixtures bent
 * in the ways real senders and hostile ones bend payloads, plus arbitrary JSON.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/core/event-types';
import { safeParseEvent } from '../../src/core/parse';
import { EventSchema, KNOWN_EVENT_SCHEMAS } from '../../src/core/schemas';
import type { EventType } from '../../src/core/types';
import { isValidEventOf, isValidKnownEvent, knownEventIssues } from '../../src/core/validate';
import {
  basicMutations,
  fixtureObjects,
  type Json,
  type JsonObject,
  type Mutation,
  mutatedFixtures,
} from '../support/mutations';

/** Accepted or not, and the dotted path of every issue, first one first. */
interface Verdict {
  readonly success: boolean;
  readonly paths: readonly string[];
}

const pathOf = (issue: v.BaseIssue<unknown>): string =>
  (issue.path ?? []).map(({ key }) => key).join('.');

function schemaVerdict(input: unknown): Verdict {
  const result = v.safeParse(EventSchema, input);
  return result.success
    ? { success: true, paths: [] }
    : { success: false, paths: result.issues.map(pathOf) };
}

function fastVerdict(input: unknown): Verdict {
  const result = safeParseEvent(input);
  if (result.success) return { success: true, paths: [] };
  return { success: false, paths: result.error.issues.map(({ path }) => path) };
}

const seeds = fixtureObjects();

/**
 * A value of each JSON type, the wrong-but-close ones validators trip over, and the values only
 * an already-parsed object can hold (`NaN`, `Infinity`, `undefined`).
 */
const retyped: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, '', '1743563467788', [], {}, ['x']),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, undefined) as fc.Arbitrary<Json>,
  fc.string({ maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const knownOrUnknownType = fc.oneof(
  fc.constantFrom<string>(...EVENT_TYPES),
  fc.constantFrom('ping', 'runtime.call.start.v2', 'Runtime.Call.Start', '', 'constructor'),
  fc.string({ maxLength: 12 }),
);

const platform = fc.oneof(
  fc.constantFrom('twilio', 'web-voice', 'telnyx', 'vonage', 'other', 'Twilio', ''),
  fc.string({ maxLength: 8 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ...basicMutations(retyped, ['extra', '__proto__', 'constructor', 'toString', 'type']),
  fc.constant<Mutation>((target, key) => {
    target[key] = null;
  }),
  fc.constantFrom('_', 'ID', ' ', 'Id').map<Mutation>((suffix) => (target, key) => {
    const value = target[key] as Json;
    delete target[key];
    target[key + suffix] = value;
  }),
);

/** A fixture, its type and platform possibly switched, then bent up to three times. */
const mutatedFixture = mutatedFixtures({
  types: knownOrUnknownType,
  platforms: platform,
  mutation,
});

/** A known or unknown `type` over arbitrary data, and arbitrary JSON of any shape. */
const arbitraryEvent: fc.Arbitrary<Json> = fc.oneof(
  fc.record({
    type: knownOrUnknownType,
    data: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  }),
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
);

/** The input's `type` when it is a known one. */
function knownTypeOf(input: unknown): EventType | undefined {
  const type = (input as { type?: unknown } | null)?.type;
  return EVENT_TYPES.find((known) => known === type);
}

/**
 * The per-type checks behind the guards and `eventSchemas` against that type's schema: the same
 * verdict and first issue path. Only the first: on a wrong `type` the fast path stops there,
 * while valibot goes on to list every other field.
 */
function agreeOnType(input: Json, type: EventType): void {
  const expected = v.safeParse(KNOWN_EVENT_SCHEMAS[type], input);
  const issues = knownEventIssues(input, type);
  expect(issues === undefined).toBe(expected.success);
  expect(isValidEventOf(input, type)).toBe(expected.success);
  if (!expected.success) expect(issues?.[0].path).toBe(pathOf(expected.issues[0]));
}

/**
 * Holds both validators to the same verdict on the value itself and on its JSON text, which
 * takes the parsing path and turns `NaN` into `null` and drops `undefined` fields; the
 * known-event check to the same verdict for known types; and the per-type checks to their schema.
 */
function agree(input: Json): Verdict {
  const verdict = schemaVerdict(input);
  // A string given to parseEvent is JSON text, not a value: the string value goes in as its JSON.
  expect(fastVerdict(typeof input === 'string' ? JSON.stringify(input) : input)).toEqual(verdict);
  expect(isValidKnownEvent(input)).toBe(verdict.success && knownTypeOf(input) !== undefined);
  const text = JSON.stringify(input);
  expect(fastVerdict(text)).toEqual(schemaVerdict(JSON.parse(text)));
  // The input's own type, and one it mostly is not, as `isCallEvent` asks about call ends.
  const own = knownTypeOf(input);
  if (own !== undefined) agreeOnType(input, own);
  agreeOnType(input, 'runtime.call.start');
  return verdict;
}

/** Every object inside `value` with its dotted path, `value` itself at `''`. */
function objectsWithPaths(value: JsonObject, path = ''): [string, JsonObject][] {
  const nested = Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null && !Array.isArray(child)
      ? objectsWithPaths(child, path === '' ? key : `${path}.${key}`)
      : [],
  );
  return [[path, value], ...nested];
}

/** `event` with the object at `path` replaced by `replacement`; `''` replaces the event. */
function replacedAt(event: JsonObject, path: string, replacement: Json): Json {
  if (path === '') return replacement;
  const copy = structuredClone(event);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => node[key] as JsonObject, copy);
  parent[keys.at(-1)!] = replacement;
  return copy;
}

const MUTATED_RUNS = 80_000;
const ARBITRARY_RUNS = 20_000;

/** First issue paths the mutations must reach, down to the deepest declared field. */
const EXPECTED_FIRST_PATHS = [
  'type',
  'data',
  'time',
  'resource',
  'data.platform',
  'data.startTime',
  'data.endTime',
  'data.sessionID',
  'data.metadata',
  'data.metadata.callSid',
  'data.createdBy.userEmail',
  'data.versionID',
];

describe('the fast validator against the valibot schemas', () => {
  it('gives every fixture the same verdict and issue paths as the schemas', () => {
    for (const seed of seeds) agree(seed);
  });

  it('refuses an array in place of any declared object of a valid fixture, at its path alone', () => {
    let refused = 0;
    for (const seed of seeds.filter((event) => schemaVerdict(event).success)) {
      for (const [path, object] of objectsWithPaths(seed)) {
        // An empty array, and one holding the object's fields (which JSON cannot express).
        for (const array of [[], Object.assign([], object)]) {
          const verdict = agree(replacedAt(seed, path, array as Json));
          if (verdict.success) continue;
          refused++;
          expect(verdict.paths).toEqual([path]);
        }
      }
    }
    expect(refused).toBeGreaterThan(seeds.length);
  });

  it('agrees on fixtures with fields dropped, nulled, retyped, renamed, added or replaced', () => {
    let accepted = 0;
    const firstPaths = new Set<string>();
    fc.assert(
      fc.property(mutatedFixture, (event) => {
        const verdict = agree(event);
        if (verdict.success) accepted++;
        else firstPaths.add(verdict.paths[0]!);
      }),
      { numRuns: MUTATED_RUNS },
    );
    // Both outcomes must be common and rejections must reach every depth, or the property
    // proves little about the cases it missed.
    expect(accepted).toBeGreaterThan(MUTATED_RUNS / 10);
    expect(accepted).toBeLessThan(MUTATED_RUNS * 0.9);
    expect([...firstPaths]).toEqual(expect.arrayContaining(EXPECTED_FIRST_PATHS));
  }, 60_000);

  it('agrees on arbitrary JSON values and on arbitrary data under any type', () => {
    fc.assert(
      fc.property(arbitraryEvent, (input) => {
        agree(input);
      }),
      // Strings that are themselves JSON text once made a run disagree: always try a few.
      { numRuns: ARBITRARY_RUNS, examples: [['{}'], ['[]'], ['{"type":"ping"}'], ['"x"']] },
    );
  }, 60_000);
});
