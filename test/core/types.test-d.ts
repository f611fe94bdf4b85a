import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CallEndEventSchema,
  CallStartEventSchema,
  EventSchema,
  KNOWN_EVENT_SCHEMAS,
} from '../../src/core/schemas';
import {
  type CallEndEvent,
  type CallEvent,
  type CallStartEvent,
  type CallType,
  createEventRouter,
  type EVENT_TYPES,
  type EventOf,
  type EventType,
  isCallEnd,
  isCallStart,
  isKnownEvent,
  isOrganizationEvent,
  isSessionEvent,
  isTwilioCall,
  isUnknownEvent,
  isWebVoiceCall,
  type KnownEvent,
  type OrganizationEvent,
  type Platform,
  parseEvent,
  type SessionEndEvent,
  type SessionStartEvent,
  type TwilioMetadata,
  type UnknownEvent,
  type VoiceflowEvent,
} from '../../src/index';

declare const event: VoiceflowEvent;
declare const callStart: CallStartEvent;
declare const value: unknown;

/** A type with index signatures removed at every depth, so interfaces and inferred types compare. */
type Normalize<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : [keyof T] extends [never]
    ? Record<never, never>
    : {
        [K in keyof T as string extends K ? never : number extends K ? never : K]: Normalize<T[K]>;
      };

describe('event types', () => {
  it('derive EventType from the schemas and match EVENT_TYPES', () => {
    expectTypeOf<(typeof EVENT_TYPES)[number]>().toEqualTypeOf<EventType>();
    expectTypeOf<KnownEvent['type']>().toEqualTypeOf<EventType>();
  });

  it('hold every non-call event type equal to what valibot infers', () => {
    type Others = Exclude<EventType, CallEvent['type']>;
    expectTypeOf<{ [T in Others]: Normalize<EventOf<T>> }>().toEqualTypeOf<{
      [T in Others]: Normalize<v.InferOutput<(typeof KNOWN_EVENT_SCHEMAS)[T]>>;
    }>();
  });

  it('hold the call event types equal to what valibot infers, platform by platform', () => {
    type CallSchema = typeof CallStartEventSchema | typeof CallEndEventSchema;
    type Data<S extends CallSchema> = v.InferOutput<S>['data'];
    type Documented = 'twilio' | 'web-voice';
    expectTypeOf<Normalize<CallStartEvent<Documented>['data']>>().toEqualTypeOf<
      Normalize<Extract<Data<typeof CallStartEventSchema>, { platform: Documented }>>
    >();
    expectTypeOf<Normalize<CallEndEvent<Documented>['data']>>().toEqualTypeOf<
      Normalize<Extract<Data<typeof CallEndEventSchema>, { platform: Documented }>>
    >();
    type Other<S extends CallSchema> = Omit<
      Normalize<Exclude<Data<S>, { platform: Documented }>>,
      'platform'
    >;
    expectTypeOf<Omit<Normalize<CallEndEvent<'telnyx'>['data']>, 'platform'>>().toEqualTypeOf<
      Other<typeof CallEndEventSchema>
    >();
    expectTypeOf<Omit<Normalize<CallStartEvent<'vonage'>['data']>, 'platform'>>().toEqualTypeOf<
      Other<typeof CallStartEventSchema>
    >();
    expectTypeOf<Omit<Normalize<CallStartEvent>, 'data'>>().toEqualTypeOf<
      Omit<Normalize<v.InferOutput<typeof CallStartEventSchema>>, 'data'>
    >();
    expectTypeOf<CallStartEvent<'telnyx'>['data']['platform']>().toEqualTypeOf<'telnyx'>();
    expectTypeOf<v.InferOutput<typeof EventSchema>>().toExtend<VoiceflowEvent>();
  });

  it('keep open enums open while listing the documented values', () => {
    expectTypeOf<'twilio'>().toExtend<Platform>();
    expectTypeOf<'a-platform-from-next-year'>().toExtend<Platform>();
    expectTypeOf<'prototype-outbound'>().toExtend<CallType>();
    expectTypeOf<TwilioMetadata['callType']>().toEqualTypeOf<CallType>();
  });

  it('type optional-nullable fields as T | null | undefined', () => {
    expectTypeOf(callStart.data.sessionID).toEqualTypeOf<string | null | undefined>();
    expectTypeOf<SessionEndEvent['data']['endReason']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<CallEndEvent['data']['endReason']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf(callStart.data.startTime).toEqualTypeOf<number>();
  });

  it('let every extra field be read as unknown', () => {
    expectTypeOf(callStart.region).toEqualTypeOf<unknown>();
    expectTypeOf(callStart.data.locale).toEqualTypeOf<unknown>();
  });

  it('refuse Twilio metadata until the platform is known', () => {
    // @ts-expect-error web-voice and other platforms have no callSid
    callStart.data.metadata.callSid;
    expectTypeOf<CallStartEvent<'twilio'>['data']['metadata']>().toEqualTypeOf<TwilioMetadata>();
  });

  it('keep refusing it after a platform comparison, as the README says (isTwilioCall narrows)', () => {
    if (callStart.data.platform === 'twilio') {
      // @ts-expect-error the open platform type includes 'twilio', so the comparison cannot narrow
      callStart.data.metadata.callSid;
    }
  });

  it('narrow a KnownEvent with switch (event.type)', () => {
    const known = parseEvent('{}') as KnownEvent;
    switch (known.type) {
      case 'runtime.call.end':
        expectTypeOf(known).toEqualTypeOf<CallEndEvent>();
        expectTypeOf(known.data.endTime).toBeNumber();
        break;
      case 'runtime.session.start':
        expectTypeOf(known).toEqualTypeOf<SessionStartEvent>();
        break;
      case 'organization.project.created':
        expectTypeOf(known.data.createdBy.userEmail).toBeString();
        break;
    }
  });
});

describe('guards', () => {
  it('narrow unknown values to their event types', () => {
    if (isCallStart(value)) expectTypeOf(value).toEqualTypeOf<CallStartEvent>();
    if (isCallEnd(value)) expectTypeOf(value.data.endTime).toBeNumber();
    if (isSessionEvent(value))
      expectTypeOf(value).toEqualTypeOf<SessionStartEvent | SessionEndEvent>();
    if (isOrganizationEvent(value)) expectTypeOf(value).toEqualTypeOf<OrganizationEvent>();
    if (isKnownEvent(value)) expectTypeOf(value).toEqualTypeOf<KnownEvent>();
    if (isUnknownEvent(value)) expectTypeOf(value).toEqualTypeOf<UnknownEvent>();
  });

  it('narrow metadata to TwilioMetadata with isTwilioCall', () => {
    if (isTwilioCall(value)) {
      expectTypeOf(value.data.metadata.callSid).toEqualTypeOf<string>();
      expectTypeOf(value.data.platform).toEqualTypeOf<'twilio'>();
    }
    if (isWebVoiceCall(value)) expectTypeOf(value.data.platform).toEqualTypeOf<'web-voice'>();
    if (isTwilioCall(event)) expectTypeOf(event.data.metadata.callSid).toEqualTypeOf<string>();
  });
});

describe('the router', () => {
  it('gives each handler the event type of its key', () => {
    createEventRouter<{ deliveryId: string }>({
      on: {
        'runtime.call.end': (e, context) => {
          expectTypeOf(e).toEqualTypeOf<CallEndEvent>();
          expectTypeOf(context.deliveryId).toBeString();
        },
        'runtime.session.start': (e) => expectTypeOf(e).toEqualTypeOf<SessionStartEvent>(),
        'organization.project.created': (e) => expectTypeOf(e.data.workspaceID).toBeString(),
        '*': (e) => expectTypeOf(e).toEqualTypeOf<VoiceflowEvent>(),
      },
      onUnknownEvent: (e) => expectTypeOf(e).toEqualTypeOf<UnknownEvent>(),
    });
  });

  it('rejects handler keys that are not event types', () => {
    createEventRouter({
      on: {
        // @ts-expect-error a misspelt event type
        'runtime.call.ended': () => {},
      },
    });
  });

  it('requires the context argument only when the context type demands one', () => {
    const withoutContext = createEventRouter({});
    expectTypeOf(withoutContext).toBeCallableWith(event);
    const withContext = createEventRouter<{ id: string }>({});
    expectTypeOf(withContext).toBeCallableWith(event, { id: 'x' });
    // @ts-expect-error the context is required
    withContext(event);
  });
});
