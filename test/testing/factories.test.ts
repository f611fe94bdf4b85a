import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  callDuration,
  callKey,
  EVENT_TYPES,
  isCallEvent,
  parseEvent,
  safeParseEvent,
} from '../../src/index';
import {
  createCallEndEvent,
  createCallPair,
  createCallStartEvent,
  createEvent,
  createOrganizationEvent,
  createSessionEndEvent,
  createSessionPair,
  createSessionStartEvent,
} from '../../src/testing/index';

const HEX_24 = /^[0-9a-f]{24}$/;
const CALL_SID = /^CA[0-9a-f]{32}$/;
const E164 = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

type Data = Record<string, unknown>;
const dataOf = (event: { data?: unknown }): Data => event.data as Data;

const platform = fc.oneof(
  fc.constantFrom('twilio', 'web-voice', 'telnyx', 'vonage'),
  fc.string({ minLength: 1, maxLength: 10 }),
);

/** Overrides that keep an event valid: extra fields anywhere, other times and end reasons. */
const validOverrides = fc.record(
  {
    data: fc.record(
      {
        extra: fc.jsonValue({ maxDepth: 2 }),
        startTime: fc.integer({ min: 0, max: 2 ** 42 }),
        endReason: fc.string(),
      },
      { requiredKeys: [] },
    ),
    delivery: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: [] },
);

/** The times an event carries are in causal order: start, end, then delivery. */
function expectTimesInOrder(event: { type: string; data?: unknown; time?: unknown }): void {
  const data = dataOf(event);
  if (typeof data.startTime !== 'number') return;
  const describedAt = typeof data.endTime === 'number' ? data.endTime : data.startTime;
  if (typeof data.endTime === 'number') expect(data.endTime).toBeGreaterThan(data.startTime);
  expect(event.time).toBeGreaterThanOrEqual(describedAt);
}

describe('event factories', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('make events parseEvent accepts for 10,000 random seeds, platforms and overrides', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EVENT_TYPES),
        fc.integer(),
        platform,
        validOverrides,
        (type, seed, platform, overrides) => {
          const event = createEvent(type, overrides as never, { seed, platform });
          const parsed = parseEvent(JSON.stringify(event));
          expect(parsed.type).toBe(type);
          expectTimesInOrder(event);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('give the same event for the same seed, and another for another seed', () => {
    for (const type of EVENT_TYPES) {
      for (const platform of ['twilio', 'web-voice']) {
        const first = createEvent(type, {}, { seed: 12345, platform });
        expect(createEvent(type, {}, { seed: 12345, platform })).toEqual(first);
        expect(createEvent(type, {}, { seed: 12346, platform })).not.toEqual(first);
      }
    }
  });

  it('never call Math.random when seeded', () => {
    const random = vi.spyOn(Math, 'random');
    for (const type of EVENT_TYPES) createEvent(type, {}, { seed: 1 });
    createCallPair({}, { seed: 1 });
    expect(random).not.toHaveBeenCalled();
  });

  it('set times around now when not seeded', () => {
    const before = Date.now();
    const event = createCallEndEvent();
    expect(event.data.endTime).toBeGreaterThanOrEqual(before);
    expect(event.data.endTime).toBeLessThanOrEqual(Date.now());
  });

  it('give Twilio calls a Call SID, E.164 numbers, and the caller as userID', () => {
    for (let seed = 0; seed < 200; seed++) {
      const event = createCallStartEvent({}, { seed });
      const { callSid, callType, userNumber, agentNumber } = event.data.metadata;
      expect(callSid).toMatch(CALL_SID);
      expect(['inbound', 'outbound']).toContain(callType);
      expect(userNumber).toMatch(E164);
      expect(agentNumber).toMatch(E164);
      expect(event.data.userID).toBe(userNumber);
    }
  });

  it('use 24-hex ids, the project as resource, and transcript and version ids as Voiceflow does', () => {
    for (const event of [
      createCallEndEvent({}, { seed: 5 }),
      createSessionStartEvent({}, { seed: 5 }),
    ]) {
      const data = dataOf(event);
      for (const key of ['projectID', 'environmentID', 'sessionID', 'projectEnvironmentID']) {
        expect(data[key], key).toMatch(HEX_24);
      }
      expect(event.resource).toBe(`project-${data.projectID}`);
      expect(data.transcriptID).toBe(data.sessionID);
      expect(data.versionID).toBe(data.environmentID);
    }
  });

  it('give web-voice and other platforms empty metadata', () => {
    for (const platform of ['web-voice', 'telnyx', 'a-new-one']) {
      const event = createCallStartEvent({}, { seed: 9, platform });
      expect(event.data.platform).toBe(platform);
      expect(event.data.metadata).toEqual({});
      expect(event.data.userID).not.toMatch(/^\+/);
    }
  });

  it('make organization events for the organization named in resource', () => {
    const event = createOrganizationEvent('organization.project.deleted', {}, { seed: 2 });
    expect(event.resource).toBe(`organization-${event.data.organizationID}`);
    expect(event.data.deletedBy.userEmail).toMatch(/@example\.com$/);
    expect(parseEvent(event).type).toBe('organization.project.deleted');
  });
});

describe('factory overrides', () => {
  it('merge plain objects deeply, keeping the generated siblings', () => {
    const event = createCallStartEvent(
      { data: { metadata: { callType: 'prototype-outbound' } } },
      { seed: 3 },
    );
    expect(event.data.metadata.callType).toBe('prototype-outbound');
    expect(event.data.metadata.callSid).toMatch(CALL_SID);
  });

  it('replace arrays and other values whole', () => {
    const base = createSessionEndEvent({ data: { tags: ['a', 'b', 'c'] } } as never, { seed: 4 });
    const event = createSessionEndEvent({ data: { tags: ['z'] } } as never, { seed: 4 });
    expect(dataOf(base).tags).toEqual(['a', 'b', 'c']);
    expect(dataOf(event).tags).toEqual(['z']);
  });

  it('remove a field set to undefined, which makes an event parseEvent rejects', () => {
    const event = createCallStartEvent({ data: { startTime: undefined } } as never, { seed: 6 });
    expect('startTime' in event.data).toBe(false);
    const result = safeParseEvent(event);
    expect(result.success || result.error.issues.map(({ path }) => path)).toEqual([
      'data.startTime',
    ]);
  });

  it('keep the end and delivery times after an overridden start time', () => {
    const startTime = Date.UTC(2030, 5, 1);
    const event = createCallEndEvent({ data: { startTime } }, { seed: 8 });
    expect(event.data.startTime).toBe(startTime);
    expectTimesInOrder(event);
  });

  it('keep a __proto__ key as an ordinary field without touching any prototype', () => {
    const overrides = JSON.parse('{"data":{"__proto__":{"polluted":true}}}');
    const event = createSessionStartEvent(overrides, { seed: 10 });
    expect(Object.hasOwn(event.data, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event.data)).toBe(Object.prototype);
  });
});

describe('event pairs', () => {
  const seeds = fc.integer();

  it('give a call start and end the same callKey, session and start time, and a positive duration', () => {
    fc.assert(
      fc.property(seeds, platform, (seed, platform) => {
        const { start, end } = createCallPair({}, { seed, platform });
        expect(isCallEvent(parseEvent(start)) && isCallEvent(parseEvent(end))).toBe(true);
        expect(callKey(end)).toBe(callKey(start));
        expect(end.data.sessionID).toBe(start.data.sessionID);
        expect(end.data.startTime).toBe(start.data.startTime);
        expect(callDuration(end)).toBeGreaterThan(0);
        expect(end.time).toBeGreaterThan(start.time);
      }),
      { numRuns: 2_000 },
    );
  });

  it('give a session start and end the same ids and a positive duration', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { start, end } = createSessionPair({}, { seed });
        for (const key of ['sessionID', 'projectID', 'userID', 'startTime'] as const) {
          expect(end.data[key], key).toBe(start.data[key]);
        }
        expect(callDuration(end)).toBeGreaterThan(0);
        expect(end.time).toBeGreaterThan(start.time);
      }),
      { numRuns: 2_000 },
    );
  });

  it('apply each side its own overrides, anchored to the same start time', () => {
    const { start, end } = createCallPair(
      { start: { data: { startTime: 1_000_000 } }, end: { data: { endReason: 'twiml' } } },
      { seed: 11 },
    );
    expect(start.data.startTime).toBe(1_000_000);
    expect(end.data.startTime).toBe(1_000_000);
    expect(end.data.endReason).toBe('twiml');
    expect(callDuration(end)).toBeGreaterThan(0);
  });
});
