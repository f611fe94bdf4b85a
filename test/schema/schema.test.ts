/**
 * The generated JSON Schema must say what parseEvent says: accept and reject the same bodies.
 * The schema is generated into a temporary file, so this test never races a concurrent build
 * over dist/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, safeParseEvent } from '../../src/index';
import { readFixtures } from '../support/fixtures';
import { basicMutations, type Json, type JsonObject, mutatedFixtures } from '../support/mutations';

const root = join(import.meta.dirname, '..', '..');
let directory: string;
let schema: Record<string, unknown>;
let validate: ValidateFunction;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'schema-test-'));
  const output = join(directory, 'schema.json');
  await promisify(execFile)(process.execPath, [
    join(root, 'scripts/generate-json-schema.mjs'),
    output,
  ]);
  schema = JSON.parse(await readFile(output, 'utf8'));
  validate = new Ajv({ strict: true }).compile(schema);
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Whether the JSON Schema accepts a raw body; a body that is not JSON is rejected. */
function schemaAccepts(raw: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return false;
  }
  return validate(value);
}

const parserAccepts = (raw: string): boolean => safeParseEvent(raw).success;

const allFixtures = [
  ...readFixtures('valid'),
  ...readFixtures('unknown'),
  ...readFixtures('invalid'),
];

describe('the generated JSON Schema', () => {
  it('compiles in Ajv strict mode, with one choice per known type plus the unknown fallback', () => {
    const choices = schema.oneOf as { title: string }[];
    expect(choices.map(({ title }) => title)).toEqual([...EVENT_TYPES, 'Unknown event']);
  });

  it('describes open enums as strings with their known values, not as closed enums', () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain('knownValues');
    const call = JSON.parse(
      readFixtures('valid').find(({ name }) => name === 'call-start-twilio-inbound')!.raw,
    );
    call.data.metadata.callType = 'conference';
    call.data.versionVariant = 'canary';
    expect(validate(call)).toBe(true);
    const callType = (schema.$defs as Record<string, Json>).CallStartEvent as JsonObject;
    const twilio = ((callType.properties as JsonObject).data as { oneOf: JsonObject[] }).oneOf[0]!;
    const metadata = (twilio.properties as JsonObject).metadata as { properties: JsonObject };
    expect(metadata.properties.callType).toMatchObject({
      type: 'string',
      examples: ['inbound', 'outbound', 'prototype-outbound'],
    });
  });

  it('accepts and rejects every fixture exactly as parseEvent does', () => {
    for (const { name, raw } of allFixtures) {
      expect(schemaAccepts(raw), name).toBe(parserAccepts(raw));
    }
  });

  it('is what the build ships as dist/schema.json', async () => {
    const shipped = JSON.parse(await readFile(join(root, 'dist', 'schema.json'), 'utf8'));
    expect(shipped).toEqual(schema);
  });

  it('accepts an event of an unknown type and rejects a known type that fails its schema', () => {
    expect(validate({ type: 'runtime.transcript.ready', data: 42 })).toBe(true);
    expect(validate({ type: 'runtime.call.end', data: {} })).toBe(false);
  });
});

const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1.5, '', '1743563467788', {}, ['x']),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const typeOrPlatform = fc.oneof(
  fc.constantFrom<string>(...EVENT_TYPES, 'twilio', 'web-voice', 'telnyx'),
  fc.string({ maxLength: 10 }),
);

/** A fixture whose type or platform may be switched, then changed up to three times. */
const mutatedFixture = mutatedFixtures({
  types: typeOrPlatform,
  platforms: typeOrPlatform,
  mutation: fc.oneof(...basicMutations(replacement, ['extra', '__proto__', 'constructor'])),
}).map((event) => JSON.stringify(event));

describe('the JSON Schema against parseEvent on mutated fixtures', () => {
  it('agrees on 5,000 fixtures with fields dropped, retyped, added and types switched', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedFixture, (raw) => {
        const verdict = parserAccepts(raw);
        if (verdict) accepted++;
        expect(schemaAccepts(raw), raw).toBe(verdict);
      }),
      { numRuns: 5_000 },
    );
    // Both outcomes must be exercised for the agreement to mean anything.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(4_500);
  });

  it.each([
    ['call-start-web-voice', 'metadata'],
    ['call-start-telnyx', 'metadata'],
    ['call-start-twilio-inbound', 'metadata'],
    ['organization-project-created', 'createdBy'],
  ])('rejects %s with an array as data.%s, as parseEvent does', (name, field) => {
    const event = JSON.parse(readFixtures('valid').find((fixture) => fixture.name === name)!.raw);
    const body = JSON.stringify({ ...event, data: { ...event.data, [field]: [] } });
    expect(parserAccepts(body)).toBe(false);
    expect(schemaAccepts(body)).toBe(false);
  });

  it('rejects an environment event whose data is an array, as parseEvent does', () => {
    const name = 'organization-project-environment-created';
    const event = JSON.parse(readFixtures('valid').find((fixture) => fixture.name === name)!.raw);
    const body = JSON.stringify({ ...event, data: [] });
    expect(parserAccepts(body)).toBe(false);
    expect(schemaAccepts(body)).toBe(false);
  });
});
