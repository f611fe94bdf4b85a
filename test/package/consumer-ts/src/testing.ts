/** `voiceflow-webhooks/testing`: factories, pairs, fixtures and `signPayload`, as a test uses them. */
import { type CallEndEvent, parseEvent, type SessionEndEvent } from 'voiceflow-webhooks';
import {
  type CallEventFactory,
  createCallEndEvent,
  createCallPair,
  createCallStartEvent,
  createEvent,
  createOrganizationEvent,
  createSessionEndEvent,
  createSessionPair,
  createSessionStartEvent,
  type DeepPartial,
  type EventPair,
  type FactoryOptions,
  type Fixtures,
  fixtures,
  type OrganizationEventType,
  type PairOverrides,
  type SignPayloadOptions,
  signPayload,
} from 'voiceflow-webhooks/testing';

const seeded: FactoryOptions<'twilio'> = { seed: 42, platform: 'twilio' };

export function events(): string[] {
  const start = createCallStartEvent({ data: { metadata: { callType: 'outbound' } } }, seeded);
  const createEnd: CallEventFactory<'runtime.call.end'> = createCallEndEvent;
  const webVoiceEnd = createEnd<'web-voice'>({}, { platform: 'web-voice' });
  const overrides: DeepPartial<SessionEndEvent> = { data: { endReason: 'hangup' } };
  const type: OrganizationEventType = 'organization.project.published';
  const published = createOrganizationEvent(type, { data: { versionID: 'v1' } });
  return [
    start.data.metadata.callSid,
    webVoiceEnd.data.platform,
    createSessionStartEvent().data.sessionID,
    createSessionEndEvent(overrides).data.sessionID,
    createEvent('runtime.call.end').data.userID,
    published.data.publishedBy.userEmail,
  ];
}

export function pairs(): number[] {
  const overrides: PairOverrides<CallEndEvent, CallEndEvent> = {
    end: { data: { endReason: 'x' } },
  };
  const call: EventPair<unknown, CallEndEvent<'twilio'>> = createCallPair({ end: overrides.end });
  const session = createSessionPair({}, { seed: 1 });
  return [call.end.data.endTime, session.end.data.endTime - session.start.data.startTime];
}

export function allFixtures(): number {
  const all: Fixtures = fixtures;
  const valid = Object.values(all.valid).map((event) => parseEvent(event));
  return valid.length + Object.keys(all.unknown).length + Object.keys(all.invalid).length;
}

export function sign(payload: string): Promise<Record<string, string>> {
  const options: SignPayloadOptions = { payload, secret: 'whsec_test', id: 'msg_1', timestamp: 1 };
  return signPayload(options);
}
