import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EVENT_SHAPES, type FieldKind, type ObjectShape } from '../../src/core/shapes';
import {
  type EventType,
  isWebhookParseError,
  parseEvent,
  safeParseEvent,
  WebhookParseError,
} from '../../src/index';
import { fixtureObject, readFixtures } from '../support/fixtures';

/** The same bytes in an ArrayBuffer made by another realm, which `instanceof` does not know. */
function foreignBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = runInNewContext(`new ArrayBuffer(${bytes.length})`) as ArrayBuffer;
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

function sharedBuffer(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

/** An ArrayBuffer whose contents were transferred away. */
function detached(): ArrayBuffer {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

const ALL_TRAPS = [
  'get',
  'has',
  'getPrototypeOf',
  'ownKeys',
  'getOwnPropertyDescriptor',
] as const satisfies readonly (keyof ProxyHandler<object>)[];

/** A proxy whose `traps` throw. */
function throwingProxy(...traps: (keyof ProxyHandler<object>)[]): object {
  const handler: ProxyHandler<object> = {};
  const fail = (): never => {
    throw new Error('trap');
  };
  for (const trap of traps) Object.assign(handler, { [trap]: fail });
  return new Proxy({}, handler);
}

/** A valid event of each known type, as a fresh object. */
function baseEvent(type: EventType): Record<string, unknown> {
  const names: Partial<Record<EventType, string>> = {
    'runtime.call.start': 'call-start-twilio-with-session',
    'runtime.call.end': 'call-end-twilio-outbound',
    'runtime.session.start': 'session-start',
    'runtime.session.end': 'session-end',
    'organization.project.created': 'organization-project-created',
    'organization.project.deleted': 'organization-project-deleted',
    'organization.project.published': 'organization-project-published',
  };
  const event = fixtureObject(names[type] ?? 'organization-project-environment-created');
  return { ...event, type };
}

interface RequiredField {
  readonly path: string[];
  readonly kind: FieldKind;
}

/** Every required field of `shape`, taking the variant case that `value` selects. */
function requiredFields(
  shape: ObjectShape,
  value: Record<string, unknown>,
  prefix: string[] = [],
): RequiredField[] {
  const variant = shape.variant;
  const selected = variant
    ? (variant.cases[value[variant.key] as string] ?? variant.fallback)
    : shape;
  return selected.fields.flatMap((field) => {
    if (field.optional || field.kind === 'any') return [];
    const path = [...prefix, field.key];
    const nested = field.shape
      ? requiredFields(field.shape, value[field.key] as Record<string, unknown>, path)
      : [];
    return [{ path, kind: field.kind }, ...nested];
  });
}

function edit(
  event: Record<string, unknown>,
  path: string[],
  change: (parent: Record<string, unknown>, key: string) => void,
): Record<string, unknown> {
  const copy = structuredClone(event);
  const parent = path
    .slice(0, -1)
    .reduce((node, key) => node[key] as Record<string, unknown>, copy);
  change(parent, path.at(-1) as string);
  return copy;
}

const WRONG_VALUE: Record<FieldKind, { value: unknown; name: string }> = {
  string: { value: 42, name: 'number' },
  number: { value: '1743563467788', name: 'string' },
  object: { value: 'twilio', name: 'string' },
  any: { value: undefined, name: 'undefined' },
};

function firstIssue(input: unknown): { code: string; path: string; message: string } {
  const result = safeParseEvent(input);
  if (result.success) throw new Error('expected a failure');
  const [issue] = result.error.issues;
  return { code: result.error.code, ...issue };
}

describe('parseEvent on the fixtures', () => {
  it.each(readFixtures('valid'))('parses $name and returns exactly what was sent', ({ raw }) => {
    expect(JSON.stringify(parseEvent(raw))).toBe(JSON.stringify(JSON.parse(raw)));
  });

  it.each(readFixtures('unknown'))(
    'passes the unknown event $name through untouched',
    ({ raw }) => {
      const event = parseEvent(raw);
      expect(event).toEqual(JSON.parse(raw));
      expect(JSON.stringify(event)).toBe(JSON.stringify(JSON.parse(raw)));
    },
  );

  it.each(readFixtures('invalid'))('rejects $name with a WebhookParseError', ({ name, raw }) => {
    const expectedCode =
      name === 'empty-body' || name.startsWith('not-json') ? 'invalid_json' : 'invalid_event';
    expect(() => parseEvent(raw)).toThrow(WebhookParseError);
    expect(firstIssue(raw).code).toBe(expectedCode);
  });
});

describe('tolerance', () => {
  const callStart = () => fixtureObject('call-start-twilio-with-session');

  it('accepts an unknown event type with data', () => {
    expect(parseEvent({ type: 'runtime.call.transferred', data: { to: '+15550100' } })).toEqual({
      type: 'runtime.call.transferred',
      data: { to: '+15550100' },
    });
  });

  it('accepts an unknown event type without data', () => {
    expect(parseEvent('{"type":"heartbeat"}')).toEqual({ type: 'heartbeat' });
  });

  it('keeps extra fields at the top level, in data and in metadata', () => {
    const event = callStart();
    event.region = 'us-east-1';
    (event.data as Record<string, unknown>).locale = 'en-US';
    ((event.data as Record<string, unknown>).metadata as Record<string, unknown>).forwardedFrom =
      '+15550199';
    const parsed = parseEvent(JSON.stringify(event)) as Record<string, any>;
    expect(parsed.region).toBe('us-east-1');
    expect(parsed.data.locale).toBe('en-US');
    expect(parsed.data.metadata.forwardedFrom).toBe('+15550199');
  });

  it('accepts an unknown platform with object metadata', () => {
    const event = callStart();
    Object.assign(event.data as object, {
      platform: 'voiceflow-telephony',
      metadata: { trunk: 'sip-1' },
    });
    expect(safeParseEvent(event).success).toBe(true);
  });

  it('accepts callType and versionVariant values the docs do not list', () => {
    const event = callStart();
    const data = event.data as Record<string, any>;
    data.metadata.callType = 'transfer';
    data.versionVariant = 'preview';
    expect(safeParseEvent(event).success).toBe(true);
  });

  it.each([
    'sessionID',
    'versionID',
    'transcriptID',
    'versionVariant',
    'projectEnvironmentID',
    'projectEnvironmentAlias',
  ])('accepts %s absent or null', (field) => {
    expect(safeParseEvent(edit(callStart(), ['data', field], (p, k) => delete p[k])).success).toBe(
      true,
    );
    expect(
      safeParseEvent(
        edit(callStart(), ['data', field], (p, k) => {
          p[k] = null;
        }),
      ).success,
    ).toBe(true);
  });

  it('accepts runtime.call.end without endReason', () => {
    const event = edit(
      fixtureObject('call-end-twilio-inbound'),
      ['data', 'endReason'],
      (p, k) => delete p[k],
    );
    expect(safeParseEvent(event).success).toBe(true);
  });

  it('does not validate the format of ids, numbers or e-mail addresses', () => {
    const event = callStart();
    const data = event.data as Record<string, any>;
    Object.assign(data, { environmentID: 'development', userID: 'client:alice' });
    data.metadata.userNumber = 'sip:alice@example.test';
    expect(safeParseEvent(event).success).toBe(true);
  });
});

describe('strictness', () => {
  const cases = (Object.keys(EVENT_SHAPES) as EventType[]).flatMap((type) =>
    requiredFields(EVENT_SHAPES[type], baseEvent(type)).map((field) => ({
      type,
      ...field,
      dotted: field.path.join('.'),
    })),
  );

  it('covers every documented required field of every known type', () => {
    expect(new Set(cases.map((c) => c.type)).size).toBe(Object.keys(EVENT_SHAPES).length);
    expect(cases.map((c) => `${c.type} ${c.dotted}`)).toContain(
      'runtime.call.start data.metadata.callSid',
    );
  });

  it.each(cases)('rejects $type without $dotted, naming the field', ({ type, path, dotted }) => {
    const issue = firstIssue(edit(baseEvent(type), path, (parent, key) => delete parent[key]));
    expect(issue).toMatchObject({ code: 'invalid_event', path: dotted });
    expect(issue.message).toContain(dotted);
  });

  it.each(cases.filter((c) => c.path.length > 1))(
    'rejects $type whose $dotted has the wrong JSON type, naming expected and received',
    ({ type, path, dotted, kind }) => {
      const wrong = WRONG_VALUE[kind];
      const issue = firstIssue(
        edit(baseEvent(type), path, (parent, key) => {
          parent[key] = wrong.value;
        }),
      );
      expect(issue).toMatchObject({ code: 'invalid_event', path: dotted });
      expect(issue.message).toContain(kind);
      expect(issue.message).toContain(`received ${wrong.name}`);
    },
  );

  it('rejects a known type whose field is null when the docs require it', () => {
    const event = edit(fixtureObject('session-start'), ['data', 'sessionID'], (p, k) => {
      p[k] = null;
    });
    expect(firstIssue(event)).toMatchObject({
      path: 'data.sessionID',
      message: 'Expected a string at data.sessionID, received null',
    });
  });

  it('reports every issue, not only the first', () => {
    const event = fixtureObject('session-end');
    Object.assign(event.data as object, { startTime: '0', endTime: null });
    const result = safeParseEvent(event);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((i) => i.path)).toEqual(['data.startTime', 'data.endTime']);
  });

  it.each([
    { input: null, code: 'invalid_event', path: '' },
    { input: [], code: 'invalid_event', path: '' },
    { input: 42, code: 'invalid_event', path: '' },
    { input: {}, code: 'invalid_event', path: 'type' },
    { input: { type: 5 }, code: 'invalid_event', path: 'type' },
    { input: '', code: 'invalid_json', path: '' },
    { input: '{"type":', code: 'invalid_json', path: '' },
    { input: 'null', code: 'invalid_event', path: '' },
    { input: '[]', code: 'invalid_event', path: '' },
    { input: '7', code: 'invalid_event', path: '' },
  ])('rejects $input with $code at "$path"', ({ input, code, path }) => {
    expect(firstIssue(input)).toMatchObject({ code, path });
  });

  it.each([
    { name: 'call-start-web-voice', dotted: 'data.metadata' },
    { name: 'call-start-telnyx', dotted: 'data.metadata' },
    { name: 'call-start-twilio-inbound', dotted: 'data.metadata' },
    { name: 'call-end-twilio-inbound', dotted: 'data.metadata' },
    { name: 'call-end-web-voice', dotted: 'data' },
    { name: 'session-start', dotted: 'data' },
    { name: 'organization-project-created', dotted: 'data.createdBy' },
    { name: 'organization-project-environment-created', dotted: 'data' },
  ])('rejects $name with an array at $dotted, in one issue naming it', ({ name, dotted }) => {
    const event = edit(fixtureObject(name), dotted.split('.'), (parent, key) => {
      parent[key] = [];
    });
    const expected = [{ path: dotted, message: `Expected an object at ${dotted}, received array` }];
    for (const input of [event, JSON.stringify(event)]) {
      const result = safeParseEvent(input);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues).toEqual(expected);
    }
  });

  it('rejects an array holding the fields of the object declared there', () => {
    const event = fixtureObject('call-start-twilio-inbound');
    const data = event.data as Record<string, unknown>;
    data.metadata = Object.assign([], data.metadata);
    expect(safeParseEvent(event).success).toBe(false);
    expect(firstIssue(event).path).toBe('data.metadata');
  });

  it('rejects an array as the event, even one with a type, as parseEvent does any non-object', () => {
    for (const event of [
      Object.assign([], fixtureObject('call-start-web-voice')),
      Object.assign([], { type: 'runtime.transcript.ready' }),
    ]) {
      expect(firstIssue(event)).toEqual({
        code: 'invalid_event',
        path: '',
        message: 'Expected an event object, received array',
      });
    }
  });

  it('says what it found when type is not a string', () => {
    expect(firstIssue({ type: 5 }).message).toBe('Expected a string at type, received number');
    expect(firstIssue({}).message).toBe('Missing required field type (expected a string)');
  });
});

describe('input forms', () => {
  const raw = readFixtures('valid').find((f) => f.name === 'call-end-twilio-inbound')
    ?.raw as string;
  const expected = JSON.parse(raw);
  const bytes = new TextEncoder().encode(raw);

  it.each([
    ['an object', expected],
    ['a JSON string', raw],
    ['a Buffer', Buffer.from(raw)],
    ['a Uint8Array', bytes],
    ['an ArrayBuffer', bytes.slice().buffer],
    ['an ArrayBuffer of another realm', foreignBuffer(bytes)],
    ['a SharedArrayBuffer', sharedBuffer(bytes)],
    ['a DataView', new DataView(bytes.slice().buffer)],
    ['a BOM-prefixed string', `\uFEFF${raw}`],
    ['BOM-prefixed bytes', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])],
    [
      'a Uint8Array view into a larger buffer',
      new Uint8Array([32, ...bytes, 32]).subarray(1, bytes.length + 1),
    ],
  ])('parses %s to the same event', (_, input) => {
    expect(parseEvent(input)).toEqual(expected);
  });

  it('returns the very object it was given, unmodified', () => {
    const input = structuredClone(expected);
    expect(parseEvent(input)).toBe(input);
    expect(input).toEqual(expected);
  });

  it('rejects bytes that are not UTF-8 as invalid_json', () => {
    expect(firstIssue(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({
      code: 'invalid_json',
      message: 'Body is not valid UTF-8',
    });
  });
});

describe('hostile input', () => {
  const hostileKeys = ['__proto__', 'constructor', 'prototype'];

  it.each(hostileKeys)('leaves Object.prototype untouched with %s keys at every depth', (key) => {
    const nest = (depth: number): string =>
      depth === 0 ? '{"polluted":true}' : `{"${key}":${nest(depth - 1)},"polluted":${depth}}`;
    const event = fixtureObject('call-start-twilio-inbound');
    const raw = JSON.stringify(event)
      .replace('{"type"', `{"${key}":${nest(3)},"type"`)
      .replace('"metadata":{', `"metadata":{"${key}":${nest(2)},`)
      .replace('"data":{', `"data":{"${key}":${nest(2)},`);
    const parsed = parseEvent(raw);
    expect(parsed.type).toBe('runtime.call.start');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(JSON.parse(raw)));
  });

  it('answers an array nested 100,000 deep with a WebhookParseError, not a RangeError', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const error = (() => {
      try {
        parseEvent(deep);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isWebhookParseError(error)).toBe(true);
  });

  it('accepts a known event carrying 100,000-deep nesting in an extra field without recursing into it', () => {
    const raw = JSON.stringify(fixtureObject('session-start')).replace(
      '"data":{',
      `"data":{"extra":${'['.repeat(100_000)}${']'.repeat(100_000)},`,
    );
    expect(safeParseEvent(raw).success).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a bigint', 10n],
    ['a Date', new Date()],
    ['a Map', new Map()],
    ['a null-prototype object', Object.create(null)],
    ['a proxy whose getters throw', throwingProxy('get')],
    ['a proxy whose getPrototypeOf throws', throwingProxy('getPrototypeOf')],
    ['a proxy whose every trap throws', throwingProxy(...ALL_TRAPS)],
    ['a detached ArrayBuffer', detached()],
  ])('throws only WebhookParseError for %s', (_, input) => {
    expect(() => parseEvent(input)).toThrow(WebhookParseError);
    expect(safeParseEvent(input).success).toBe(false);
  });
});
