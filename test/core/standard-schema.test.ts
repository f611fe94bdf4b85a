import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventSchema, eventSchemas } from '../../src/index';
import { fixtureObject, readFixtures } from '../support/fixtures';

describe('Standard Schema objects', () => {
  it('declare version 1 and this package as vendor', () => {
    expect(eventSchema['~standard']).toMatchObject({ version: 1, vendor: 'voiceflow-webhooks' });
    expect(Object.keys(eventSchemas)).toEqual([...EVENT_TYPES]);
  });

  it.each([...readFixtures('valid'), ...readFixtures('unknown')])(
    'eventSchema accepts $name and returns the same value',
    async ({ raw }) => {
      const value = JSON.parse(raw);
      expect(await eventSchema['~standard'].validate(value)).toEqual({ value });
    },
  );

  it('reports issues with the path as keys', async () => {
    const event = fixtureObject('call-start-twilio-inbound');
    delete ((event.data as Record<string, any>).metadata as Record<string, unknown>).callSid;
    const result = await eventSchema['~standard'].validate(event);
    expect(result.issues).toEqual([
      {
        message: 'Missing required field data.metadata.callSid (expected a string)',
        path: ['data', 'metadata', 'callSid'],
      },
    ]);
  });

  it('gives the input itself an empty path', async () => {
    const result = await eventSchema['~standard'].validate(null);
    expect(result.issues?.[0]?.path).toEqual([]);
  });

  it('has a schema per type that accepts only that type', async () => {
    const event = fixtureObject('session-end');
    expect(await eventSchemas['runtime.session.end']['~standard'].validate(event)).toEqual({
      value: event,
    });
    const wrongType = await eventSchemas['runtime.session.start']['~standard'].validate(event);
    expect(wrongType.issues).toEqual([
      {
        message: 'Expected type "runtime.session.start", received "runtime.session.end"',
        path: ['type'],
      },
    ]);
  });
});
