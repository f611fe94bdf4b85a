/**
 * The parser's safety invariants, over more than 100,000 generated inputs a run: whatever
 * arrives (any JSON value, bent fixtures, hostile keys, huge or deep values, broken text or
 * bytes, any JavaScript value), `safeParseEvent` answers without throwing, `parseEvent` throws
 * only `WebhookParseError`, an accepted known event matches its valibot schema, an accepted
 * event is exactly what was sent, the input is left as it was and no prototype changes.
 * Verdict-for-verdict agreement with valibot is `test/core/differential.test.ts`'s job.
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { WebhookParseError } from '../../src/core/errors';
import { EVENT_TYPES } from '../../src/core/event-types';
import { parseEvent, type SafeParseEventResult, safeParseEvent } from '../../src/core/parse';
import { KNOWN_EVENT_SCHEMAS } from '../../src/core/schemas';
import { readFixtures } from '../support/fixtures';
import { prototypesSnapshot, type Snapshot, sameSnapshot, snapshot } from './support/snapshot';

/** What an input decodes to by the rules of the design: a JSON value, or nothing. */
type Decoded = { readonly json: true; readonly value: unknown } | { readonly json: false };

const BOM = '\uFEFF';

function decodeText(text: string): Decoded {
  try {
    return { json: true, value: JSON.parse(text.startsWith(BOM) ? text.slice(1) : text) };
  } catch {
    return { json: false };
  }
}

/** An independent decoder: Node's own UTF-8 check and decoder, exactly one BOM dropped. */
function decode(input: unknown): Decoded {
  if (typeof input === 'string') return decodeText(input);
  if (ArrayBuffer.isView(input) || input instanceof ArrayBuffer) {
    const bytes = ArrayBuffer.isView(input)
      ? Buffer.from(input.buffer, input.byteOffset, input.byteLength)
      : Buffer.from(input);
    return isUtf8(bytes) ? decodeText(bytes.toString('utf8')) : { json: false };
  }
  return { json: true, value: input };
}

function knownSchemaOf(
  event: unknown,
): (typeof KNOWN_EVENT_SCHEMAS)[keyof typeof KNOWN_EVENT_SCHEMAS] | undefined {
  const type = (event as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(KNOWN_EVENT_SCHEMAS, type)
    ? KNOWN_EVENT_SCHEMAS[type as keyof typeof KNOWN_EVENT_SCHEMAS]
    : undefined;
}

const NOTHING_THROWN = Symbol('nothing thrown');

function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return NOTHING_THROWN;
  } catch (error) {
    return error;
  }
}

function wellFormedIssues(error: WebhookParseError): boolean {
  return (
    error.issues.length > 0 &&
    error.issues.every(
      (issue) =>
        typeof issue.path === 'string' && typeof issue.message === 'string' && issue.message !== '',
    )
  );
}

/** What an outcome breaks, given what the input decodes to. */
function outcomeViolations(result: SafeParseEventResult, decoded: Decoded): string[] {
  if (!result.success) {
    const found = wellFormedIssues(result.error) ? [] : ['issues are empty or malformed'];
    if (!decoded.json && result.error.code !== 'invalid_json')
      found.push('non-JSON not invalid_json');
    if (decoded.json && result.error.code !== 'invalid_event') found.push('JSON not invalid_event');
    return found;
  }
  if (!decoded.json) return ['accepted an input that is not JSON'];
  const found: string[] = [];
  const schema = knownSchemaOf(result.event);
  if (schema !== undefined && !v.safeParse(schema, result.event).success) {
    found.push('accepted a known event that fails its schema');
  }
  if (!sameSnapshot(snapshot(result.event), snapshot(decoded.value))) {
    found.push('the event differs from what was sent');
  }
  return found;
}

let checkedInputs = 0;
const pristinePrototypes = prototypesSnapshot();

/** Every invariant `input` breaks, in words; empty when it breaks none. */
function violations(input: unknown): string[] {
  checkedInputs++;
  const before: Snapshot = snapshot(input);
  const found: string[] = [];
  let result: SafeParseEventResult | undefined;
  const safeThrown = thrownBy(() => {
    result = safeParseEvent(input);
  });
  if (safeThrown !== NOTHING_THROWN) found.push(`safeParseEvent threw ${String(safeThrown)}`);
  const thrown = thrownBy(() => parseEvent(input));
  if (thrown !== NOTHING_THROWN && !(thrown instanceof WebhookParseError)) {
    found.push(`parseEvent threw ${String(thrown)}`);
  }
  if (result !== undefined) {
    if (result.success !== (thrown === NOTHING_THROWN)) found.push('parseEvent disagrees');
    found.push(...outcomeViolations(result, decode(input)));
  }
  if (!sameSnapshot(before, snapshot(input))) found.push('the input was mutated');
  if (!sameSnapshot(pristinePrototypes, prototypesSnapshot())) found.push('a prototype changed');
  return found;
}

function holdsFor<T>(arbitrary: fc.Arbitrary<T>, numRuns: number): void {
  fc.assert(
    fc.property(arbitrary, (input) => {
      expect(violations(input)).toEqual([]);
    }),
    { numRuns },
  );
}

// --- How a body reaches the parser ------------------------------------------------------------

const encoder = new TextEncoder();

/** A view into a larger buffer, so a decoder that ignores `byteOffset` reads the wrong bytes. */
function offsetView(bytes: Uint8Array, asDataView: boolean): ArrayBufferView {
  const padded = new Uint8Array(bytes.length + 7).fill(0x5b);
  padded.set(bytes, 3);
  return asDataView
    ? new DataView(padded.buffer, 3, bytes.length)
    : new Uint8Array(padded.buffer, 3, bytes.length);
}

const CARRIERS = {
  text: (text: string): unknown => text,
  'text after a BOM': (text: string): unknown => BOM + text,
  Uint8Array: (text: string): unknown => encoder.encode(text),
  'bytes after a BOM': (text: string): unknown => encoder.encode(BOM + text),
  Buffer: (text: string): unknown => Buffer.from(text),
  ArrayBuffer: (text: string): unknown => encoder.encode(text).buffer,
  'Uint8Array at an offset': (text: string): unknown => offsetView(encoder.encode(text), false),
  'DataView at an offset': (text: string): unknown => offsetView(encoder.encode(text), true),
} as const;

const carrier = fc.constantFrom(...Object.values(CARRIERS));

/** A text delivered in any of the forms `parseEvent` accepts. */
const carried = (texts: fc.Arbitrary<string>): fc.Arbitrary<unknown> =>
  fc.tuple(texts, carrier).map(([text, carry]) => carry(text));

/** A JSON value delivered as itself or as its text, compact or indented, in any form. */
const carriedValue = (values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    values,
    carried(
      fc
        .tuple(values, fc.constantFrom(undefined, 2, '\t'))
        .map(([value, indent]) => JSON.stringify(value, null, indent)),
    ),
  );

// --- What arrives -------------------------------------------------------------------------------

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'toJSON',
  'then',
  'length',
  '',
  '0',
  '\u0000',
] as const;

/** Pollution payloads, as JSON text so that `__proto__` stays an own key when parsed. */
const HOSTILE_VALUES = [
  '{"polluted":true}',
  '{"prototype":{"polluted":true}}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"toString":"not a function"}',
  '[{"__proto__":{"polluted":true}}]',
  '"polluted"',
  'null',
] as const;

const eventType = fc.oneof(
  fc.constantFrom<string>(...EVENT_TYPES),
  fc.constantFrom<string>(...HOSTILE_KEYS, 'runtime.call.start.v2', 'RUNTIME.CALL.END'),
  fc.string({ maxLength: 12 }),
);

/** Object-shaped JSON close to an event: a type, then data, time and resource, each optional. */
const eventLike = fc.record(
  {
    type: fc.oneof(eventType, fc.jsonValue({ maxDepth: 1 })),
    data: fc.jsonValue({ maxDepth: 3 }),
    time: fc.oneof(fc.double(), fc.string({ maxLength: 4 })),
    resource: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: ['type'] },
);

const fixtureTexts = [
  ...readFixtures('valid'),
  ...readFixtures('unknown'),
  ...readFixtures('invalid'),
].map(({ raw }) => raw);

const jsonFixtures = fixtureTexts.flatMap((text) => {
  const decoded = decodeText(text);
  return decoded.json && typeof decoded.value === 'object' && decoded.value !== null ? [text] : [];
});

/** Text that is not JSON: anything at all, and JSON cut short or with one character changed. */
const brokenText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\n\t',
    'null,',
    '{',
    '{"type":',
    '[1,]',
    "{'type':'x'}",
    'undefined',
    'NaN',
  ),
  fc.tuple(fc.constantFrom(...fixtureTexts), fc.nat(), fc.nat()).map(([text, cut, at]) => {
    const truncated = text.slice(0, cut % (text.length + 1));
    const position = at % (truncated.length + 1);
    return `${truncated.slice(0, position)}\u0000${truncated.slice(position + 1)}`;
  }),
);

/** Bytes that are mostly not UTF-8, and fixture bytes with one byte replaced. */
const brokenBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .tuple(fc.constantFrom(...jsonFixtures), fc.nat(), fc.integer({ min: 0x80, max: 0xff }))
    .map(([text, at, byte]) => {
      const bytes = encoder.encode(text);
      bytes[at % bytes.length] = byte;
      return bytes;
    }),
);

/** Any JavaScript value, handed over as the already-parsed body. */
const anyValue = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Sets an own property, so that `__proto__` is a key like any other and not the prototype. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Every object nested in a parsed fixture, so a change can land at any depth. */
function objectsIn(root: object): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'object' && current !== null) {
      if (!Array.isArray(current)) objects.push(current as Record<string, unknown>);
      pending.push(...Object.values(current));
    }
  }
  return objects;
}

type Edit = 'drop' | 'rename' | 'retype' | 'add';

interface Change {
  readonly edit: Edit;
  readonly where: number;
  readonly which: number;
  readonly key: string;
  readonly value: unknown;
}

function applyChange(root: object, { edit, where, which, key, value }: Change): void {
  const objects = objectsIn(root);
  const target = objects[where % objects.length]!;
  const keys = Object.keys(target);
  const chosen = keys[which % Math.max(keys.length, 1)];
  if (edit === 'add' || chosen === undefined) {
    defineOwn(target, key, value);
    return;
  }
  const previous = target[chosen];
  if (edit !== 'retype') delete target[chosen];
  if (edit === 'rename') defineOwn(target, key, previous);
  if (edit === 'retype') defineOwn(target, chosen, value);
}

const changeKey = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS),
  fc.constantFrom('type', 'data', 'time', 'platform', 'metadata', 'startTime', 'callSid', 'extra'),
  fc.string({ maxLength: 10 }),
);

const changeValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(...HOSTILE_VALUES).map((text) => JSON.parse(text) as unknown),
  fc.constantFrom<unknown>(...EVENT_TYPES, 'twilio', 'web-voice', Number.NaN),
  fc.double(),
);

const change: fc.Arbitrary<Change> = fc.record({
  edit: fc.constantFrom<Edit>('drop', 'rename', 'retype', 'add'),
  where: fc.nat(),
  which: fc.nat(),
  key: changeKey,
  value: changeValue,
});

/** A fixture with one to four fields dropped, renamed, retyped or added, anywhere in it. */
const bentFixture = fc
  .tuple(fc.constantFrom(...jsonFixtures), fc.array(change, { minLength: 1, maxLength: 4 }))
  .map(([text, changes]) => {
    const event = JSON.parse(text) as object;
    for (const each of changes) applyChange(event, each);
    return event;
  });

/** A fixture carrying hostile keys with pollution payloads at any depth, under any type. */
const hostileFixture = fc
  .tuple(
    fc.constantFrom(...jsonFixtures),
    fc.option(fc.constantFrom<string>(...HOSTILE_KEYS)),
    fc.array(
      fc.record({
        where: fc.nat(),
        key: fc.constantFrom(...HOSTILE_KEYS),
        value: fc.constantFrom(...HOSTILE_VALUES),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  )
  .map(([text, type, additions]) => {
    const event = JSON.parse(text) as Record<string, unknown>;
    if (type !== null) event.type = type;
    for (const { where, key, value } of additions) {
      applyChange(event, { edit: 'add', where, which: 0, key, value: JSON.parse(value) });
    }
    return event;
  });

/** Where a huge or deep value goes: the body itself, `data`, or an extra field at some depth. */
const PLACEMENTS = {
  body: (value: string): string => value,
  data: (value: string): string => `{"type":"runtime.transcript.ready","data":${value}}`,
  'extra field of a valid event': (value: string): string =>
    `${fixtureTexts[0]!.trimEnd().slice(0, -1)},"extra":${value}}`,
  'extra field of the metadata': (value: string): string =>
    `{"type":"runtime.call.start","data":{"userID":"u","projectID":"p","environmentID":"e","startTime":1,"platform":"twilio","metadata":{"callSid":"CA1","callType":"inbound","userNumber":"+1","agentNumber":"+2","extra":${value}}},"time":1,"resource":"project-p"}`,
} as const;

const placement = fc.constantFrom(...Object.values(PLACEMENTS));

/** Nesting from a thousand to two hundred thousand levels (log scale), of arrays or of objects. */
const deepValue = fc
  .tuple(
    fc.integer({ min: 0, max: 100 }).map((step) => Math.round(1_000 * 200 ** (step / 100))),
    fc.boolean(),
  )
  .map(([depth, arrays]) =>
    arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Sizes spread evenly on a log scale, from 1 KiB to 2 MiB. */
const hugeSize = fc.integer({ min: 10, max: 21 }).map((exponent) => 2 ** exponent);

const hugeValue = fc.oneof(
  hugeSize.map((size) => JSON.stringify('x'.repeat(size))),
  hugeSize.map((size) => JSON.stringify('é😀'.repeat(size / 8))),
  hugeSize.map((size) => `[${'1,'.repeat(size / 8)}1]`),
  hugeSize.map(
    (size) => `{${Array.from({ length: size / 32 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
  ),
  fc.constantFrom('1e400', '-1e400', '1e-400', '123456789012345678901234567890', '-0'),
);

const placed = (values: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(values, placement).map(([value, place]) => place(value));

// --- The properties ------------------------------------------------------------------------------

/**
 * Each family of inputs and how many of it a run checks; together they make the 100,000 inputs
 * the robustness issue asks for. The deep and huge families cost milliseconds per input.
 */
const FAMILIES: readonly (readonly [name: string, inputs: fc.Arbitrary<unknown>, runs: number])[] =
  [
    [
      'arbitrary JSON values, in every input form',
      carriedValue(fc.jsonValue({ maxDepth: 4 })),
      30_000,
    ],
    ['event-shaped objects of any known or unknown type', carriedValue(eventLike), 15_000],
    ['text that is not JSON', carried(brokenText), 10_000],
    ['bytes that are not UTF-8', brokenBytes, 5_000],
    ['any JavaScript value passed as the parsed body', anyValue, 10_000],
    ['fixtures with fields dropped, renamed, retyped or added', carriedValue(bentFixture), 25_000],
    [
      'fixtures holding __proto__ and constructor keys at any depth',
      carriedValue(hostileFixture),
      4_600,
    ],
    ['values nested up to 200,000 deep', carried(placed(deepValue)), 200],
    ['huge strings, arrays, objects and numbers', carried(placed(hugeValue)), 200],
  ];

const TOTAL_RUNS = FAMILIES.reduce((sum, [, , runs]) => sum + runs, 0);

describe('parseEvent and safeParseEvent on generated input', () => {
  const started = performance.now();

  it.each(FAMILIES)(
    'hold every invariant for %s',
    (_, inputs, runs) => {
      holdsFor(inputs, runs);
    },
    60_000,
  );

  it(`checked all ${TOTAL_RUNS.toLocaleString('en')} generated inputs`, () => {
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `parse properties: ${checkedInputs} inputs in ${seconds.toFixed(1)} s ` +
        `(${Math.round(checkedInputs / seconds)} inputs/s)`,
    );
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(100_000);
    expect(checkedInputs).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });
});

describe('parseEvent on hand-picked hostile input', () => {
  it('treats a doubled BOM the same in text and in bytes', () => {
    const text = `${BOM}${BOM}{"type":"ping"}`;
    expect(safeParseEvent(encoder.encode(text)).success).toBe(safeParseEvent(text).success);
  });

  it('keeps a __proto__ key as data and leaves the prototype of the event alone', () => {
    const event = parseEvent('{"type":"ping","__proto__":{"type":"runtime.call.start"}}');
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.hasOwn(event, '__proto__')).toBe(true);
    expect(event.type).toBe('ping');
  });
});
