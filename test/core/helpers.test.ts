import { describe, expect, it } from 'vitest';
import {
  type CallEndEvent,
  type CallEvent,
  type CallStartEvent,
  callDuration,
  callKey,
  callParties,
  parseEvent,
  type SessionEndEvent,
} from '../../src/index';
import { fixtureObject } from '../support/fixtures';

const load = <T>(name: string): T => parseEvent(fixtureObject(name)) as T;

describe('callParties', () => {
  it('puts the user first on an inbound call', () => {
    expect(callParties(load<CallStartEvent>('call-start-twilio-inbound'))).toEqual({
      from: '+19876543210',
      to: '+17782006110',
    });
  });

  it('puts the agent first on an outbound call', () => {
    expect(callParties(load<CallEndEvent>('call-end-twilio-outbound'))).toEqual({
      from: '+17782006110',
      to: '+14155550142',
    });
  });

  it('puts the agent first on a prototype-outbound call', () => {
    const event = load<CallStartEvent<'twilio'>>('call-start-twilio-inbound');
    const prototype = structuredClone(event);
    prototype.data.metadata.callType = 'prototype-outbound';
    expect(callParties(prototype)).toEqual({ from: '+17782006110', to: '+19876543210' });
  });

  it('cannot tell for a web-voice call', () => {
    expect(callParties(load<CallStartEvent>('call-start-web-voice'))).toBeUndefined();
  });

  it('cannot tell for a call type it does not know', () => {
    const event = structuredClone(load<CallStartEvent<'twilio'>>('call-start-twilio-inbound'));
    event.data.metadata.callType = 'transfer';
    expect(callParties(event)).toBeUndefined();
  });

  it('reads other platforms that use the same metadata fields', () => {
    expect(callParties(load<CallEvent>('call-start-telnyx'))).toEqual({
      from: '+442071838750',
      to: '+442038083914',
    });
  });
});

describe('callDuration', () => {
  it('measures a call from startTime to endTime in milliseconds', () => {
    expect(callDuration(load<CallEndEvent>('call-end-twilio-outbound'))).toBe(85_816);
  });

  it('measures a session too', () => {
    expect(callDuration(load<SessionEndEvent>('session-end'))).toBe(9_602);
  });
});

describe('callKey', () => {
  it('is the Call SID for both ends of a Twilio call', () => {
    const start = load<CallStartEvent>('call-start-twilio-outbound');
    const end = load<CallEndEvent>('call-end-twilio-outbound');
    expect(callKey(start)).toBe('CA9f2c41d7be0a4c6e8d1b3a5f7e9c0d24');
    expect(callKey(end)).toBe(callKey(start));
  });

  it('joins project, user and start time for a web-voice call, equal for start and end', () => {
    const start = load<CallStartEvent>('call-start-web-voice');
    const end = load<CallEndEvent>('call-end-web-voice');
    expect(callKey(start)).toBe('69f9fa36eeb8f50e7cfd2d5f:g4dq75wr6asov6z571860xg0:1779807753396');
    expect(callKey(end)).toBe(callKey(start));
  });

  it('differs between two calls of the same caller', () => {
    const first = load<CallStartEvent>('call-start-twilio-inbound');
    const again = load<CallStartEvent>('call-start-twilio-returning-caller');
    expect(callKey(first)).not.toBe(callKey(again));
  });
});
