import { describe, expect, it } from 'vitest';
import {
  type Guard,
  isCallEnd,
  isCallEvent,
  isCallStart,
  isKnownEvent,
  isOrganizationEvent,
  isSessionEnd,
  isSessionEvent,
  isSessionStart,
  isTwilioCall,
  isUnknownEvent,
  isWebVoiceCall,
  safeParseEvent,
} from '../../src/index';
import { fixtureObject, readFixtures } from '../support/fixtures';

const GUARDS: Record<string, Guard<unknown>> = {
  isCallStart,
  isCallEnd,
  isCallEvent,
  isSessionStart,
  isSessionEnd,
  isSessionEvent,
  isOrganizationEvent,
  isKnownEvent,
  isUnknownEvent,
  isTwilioCall,
  isWebVoiceCall,
};

/** Which guards should accept each fixture, by what the fixture is. */
function expectedGuards(event: Record<string, any>): string[] {
  const type = String(event.type);
  const platform = event.data?.platform;
  const call = type === 'runtime.call.start' || type === 'runtime.call.end';
  const session = type === 'runtime.session.start' || type === 'runtime.session.end';
  const organization = type.startsWith('organization.');
  return Object.keys(GUARDS).filter((name) => {
    switch (name) {
      case 'isCallStart':
        return type === 'runtime.call.start';
      case 'isCallEnd':
        return type === 'runtime.call.end';
      case 'isCallEvent':
        return call;
      case 'isSessionStart':
        return type === 'runtime.session.start';
      case 'isSessionEnd':
        return type === 'runtime.session.end';
      case 'isSessionEvent':
        return session;
      case 'isOrganizationEvent':
        return organization;
      case 'isKnownEvent':
        return call || session || organization;
      case 'isUnknownEvent':
        return !(call || session || organization);
      case 'isTwilioCall':
        return call && platform === 'twilio';
      case 'isWebVoiceCall':
        return call && platform === 'web-voice';
      default:
        return false;
    }
  });
}

describe('guards', () => {
  it.each([...readFixtures('valid'), ...readFixtures('unknown')])(
    'classify $name exactly as what it is',
    ({ raw }) => {
      const event = JSON.parse(raw);
      const accepted = Object.entries(GUARDS)
        .filter(([, guard]) => guard(event))
        .map(([name]) => name);
      expect(accepted).toEqual(expectedGuards(event));
    },
  );

  it.each(readFixtures('invalid'))(
    'reject the invalid fixture $name, every one of them',
    ({ raw }) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
      for (const [name, guard] of Object.entries(GUARDS)) {
        expect(guard(value), name).toBe(false);
      }
    },
  );

  it('agree with parseEvent: a known type that fails its schema is neither known nor unknown', () => {
    const event = fixtureObject('call-start-twilio-inbound');
    delete (event.data as Record<string, unknown>).userID;
    expect(safeParseEvent(event).success).toBe(false);
    expect(isKnownEvent(event)).toBe(false);
    expect(isUnknownEvent(event)).toBe(false);
    expect(isCallStart(event)).toBe(false);
    expect(isTwilioCall(event)).toBe(false);
  });

  it('reject a twilio call whose metadata lacks the Twilio fields', () => {
    const event = fixtureObject('call-start-web-voice');
    (event.data as Record<string, unknown>).platform = 'twilio';
    expect(isCallStart(event)).toBe(false);
    expect(isTwilioCall(event)).toBe(false);
  });

  it.each([
    ['call-start-web-voice', ['data', 'metadata']],
    ['call-start-telnyx', ['data', 'metadata']],
    ['call-start-twilio-inbound', ['data', 'metadata']],
    ['call-end-web-voice', ['data']],
    ['organization-project-environment-created', ['data']],
  ])('reject %s with an array at %j, as parseEvent does', (name, path) => {
    const event = fixtureObject(name);
    const parent = path.slice(0, -1).reduce<Record<string, any>>((node, key) => node[key], event);
    parent[path.at(-1)!] = [];
    expect(safeParseEvent(event).success).toBe(false);
    expect(isCallStart(event)).toBe(false);
    expect(isKnownEvent(event)).toBe(false);
    for (const [guardName, guard] of Object.entries(GUARDS))
      expect(guard(event), guardName).toBe(false);
  });

  it('reject an array as the event, even one with a type and the fields of an event', () => {
    const arrays = [
      Object.assign([], fixtureObject('call-start-twilio-inbound')),
      Object.assign([], { type: 'runtime.transcript.ready' }),
    ];
    for (const value of arrays) {
      expect(safeParseEvent(value).success).toBe(false);
      for (const [name, guard] of Object.entries(GUARDS)) expect(guard(value), name).toBe(false);
    }
  });

  it.each([null, undefined, 0, 'runtime.call.start', [], {}])('reject %j', (value) => {
    for (const guard of Object.values(GUARDS)) expect(guard(value)).toBe(false);
  });

  it('answer false, without throwing, for events whose reading throws, as parseEvent refuses them', () => {
    const event = fixtureObject('call-start-twilio-inbound');
    const unknown = JSON.parse(
      readFixtures('unknown').find(({ name }) => name === 'future-event-type')!.raw,
    );
    const throwing = [
      new Proxy(event, {
        get: () => {
          throw new Error('trap');
        },
      }),
      new Proxy(unknown, {
        get: () => {
          throw new Error('trap');
        },
      }),
      Object.defineProperty({ ...event }, 'data', {
        get: () => {
          throw new Error('getter');
        },
      }),
    ];
    for (const value of throwing) {
      expect(safeParseEvent(value).success).toBe(false);
      for (const [name, guard] of Object.entries(GUARDS)) expect(guard(value), name).toBe(false);
    }
  });
});
