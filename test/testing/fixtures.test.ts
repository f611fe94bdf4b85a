import { describe, expect, it } from 'vitest';
import { isKnownEvent, isUnknownEvent, safeParseEvent, verifySignature } from '../../src/index';
import { fixtures, signPayload } from '../../src/testing/index';
import { readFixtures } from '../support/fixtures';

function parsedOrText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

describe('the exported fixtures', () => {
  for (const kind of ['valid', 'unknown', 'invalid'] as const) {
    it(`list exactly the files under fixtures/${kind}`, () => {
      const names = readFixtures(kind)
        .map(({ name }) => name)
        .sort();
      expect(Object.keys(fixtures[kind]).sort()).toEqual(names);
    });
  }

  it('hold the same events as the valid and unknown files', () => {
    for (const kind of ['valid', 'unknown'] as const) {
      for (const { name, raw } of readFixtures(kind)) {
        expect(fixtures[kind][name], name).toEqual(JSON.parse(raw));
      }
    }
  });

  it('carry each invalid body as the same JSON value, or the exact text when it is not JSON', () => {
    for (const { name, raw } of readFixtures('invalid')) {
      expect(parsedOrText(fixtures.invalid[name]!), name).toEqual(parsedOrText(raw));
    }
  });

  it('are valid, unknown and invalid for parseEvent as their folders say', () => {
    for (const event of Object.values(fixtures.valid)) expect(isKnownEvent(event)).toBe(true);
    for (const event of Object.values(fixtures.unknown)) {
      expect(safeParseEvent(event).success).toBe(true);
      expect(isUnknownEvent(event)).toBe(true);
    }
    for (const [name, body] of Object.entries(fixtures.invalid)) {
      expect(safeParseEvent(body).success, name).toBe(false);
    }
  });

  it('are frozen, so a test cannot change what the next one reads', () => {
    const event = fixtures.valid['call-end-twilio-inbound']!;
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen(event.data)).toBe(true);
    expect(() => {
      (event.data as Record<string, unknown>).endTime = 0;
    }).toThrow(TypeError);
  });
});

describe('signPayload from the testing export', () => {
  it('signs a body so that verifySignature accepts it', async () => {
    const payload = JSON.stringify(fixtures.valid['session-end']);
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const headers = await signPayload({ payload, secret });
    await expect(verifySignature({ payload, headers, secret })).resolves.toBeUndefined();
  });
});
