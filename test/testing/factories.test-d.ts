import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallEndEvent,
  CallStartEvent,
  OrganizationProjectCreatedEvent,
  SessionEndEvent,
  TwilioMetadata,
  WebVoiceMetadata,
} from '../../src/index';
import {
  createCallPair,
  createCallStartEvent,
  createEvent,
  createOrganizationEvent,
  createSessionEndEvent,
} from '../../src/testing/index';

describe('factory types', () => {
  it('type call events by the platform option, Twilio by default', () => {
    expectTypeOf(createCallStartEvent()).toEqualTypeOf<CallStartEvent<'twilio'>>();
    expectTypeOf(createCallStartEvent().data.metadata).toEqualTypeOf<TwilioMetadata>();
    const webVoice = createCallStartEvent({}, { platform: 'web-voice' });
    expectTypeOf(webVoice.data.metadata).toEqualTypeOf<WebVoiceMetadata>();
    expectTypeOf(createCallPair().end).toEqualTypeOf<CallEndEvent<'twilio'>>();
  });

  it('type createEvent and createOrganizationEvent by the event type', () => {
    expectTypeOf(
      createEvent('runtime.session.end', { data: { endReason: 'x' } }),
    ).toEqualTypeOf<SessionEndEvent>();
    expectTypeOf(
      createOrganizationEvent('organization.project.created'),
    ).toEqualTypeOf<OrganizationProjectCreatedEvent>();
  });

  it('take deep-partial overrides of the right field types only', () => {
    createSessionEndEvent({ data: { endReason: 'hangup', startTime: undefined } });
    // @ts-expect-error endTime is a number
    createSessionEndEvent({ data: { endTime: 'late' } });
    // @ts-expect-error organization factories take organization types only
    createOrganizationEvent('runtime.call.end');
  });
});
