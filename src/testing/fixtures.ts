/**
 * The files under `fixtures/` as data, so tests and the CLI can use them without the repository.
 * JSON files are imported (the bundler inlines them); the two invalid bodies that are not JSON
 * cannot be, so they are written out here. `test/testing/fixtures.test.ts` holds all of them
 * equal to the files on disk and fails when a file is added without being listed here.
 */

import arrayBody from '../../fixtures/invalid/array-body.json' with { type: 'json' };
import callEndEndTimeAsString from '../../fixtures/invalid/call-end-end-time-as-string.json' with {
  type: 'json',
};
import callStartMetadataNull from '../../fixtures/invalid/call-start-metadata-null.json' with {
  type: 'json',
};
import callStartMissingStartTime from '../../fixtures/invalid/call-start-missing-start-time.json' with {
  type: 'json',
};
import callStartTwilioWithoutCallSid from '../../fixtures/invalid/call-start-twilio-without-call-sid.json' with {
  type: 'json',
};
import missingType from '../../fixtures/invalid/missing-type.json' with { type: 'json' };
import nullBody from '../../fixtures/invalid/null-body.json' with { type: 'json' };
import organizationCreatedMissingCreatedBy from '../../fixtures/invalid/organization-created-missing-created-by.json' with {
  type: 'json',
};
import sessionEndWithoutData from '../../fixtures/invalid/session-end-without-data.json' with {
  type: 'json',
};
import sessionStartMissingSessionId from '../../fixtures/invalid/session-start-missing-session-id.json' with {
  type: 'json',
};
import typeIsANumber from '../../fixtures/invalid/type-is-a-number.json' with { type: 'json' };
import deprecatedCallStartV2 from '../../fixtures/unknown/deprecated-call-start-v2.json' with {
  type: 'json',
};
import eventWithoutData from '../../fixtures/unknown/event-without-data.json' with { type: 'json' };
import futureEventType from '../../fixtures/unknown/future-event-type.json' with { type: 'json' };
import callEndTwilioInbound from '../../fixtures/valid/call-end-twilio-inbound.json' with {
  type: 'json',
};
import callEndTwilioOutbound from '../../fixtures/valid/call-end-twilio-outbound.json' with {
  type: 'json',
};
import callEndWebVoice from '../../fixtures/valid/call-end-web-voice.json' with { type: 'json' };
import callStartTelnyx from '../../fixtures/valid/call-start-telnyx.json' with { type: 'json' };
import callStartTwilioInbound from '../../fixtures/valid/call-start-twilio-inbound.json' with {
  type: 'json',
};
import callStartTwilioOutbound from '../../fixtures/valid/call-start-twilio-outbound.json' with {
  type: 'json',
};
import callStartTwilioReturningCaller from '../../fixtures/valid/call-start-twilio-returning-caller.json' with {
  type: 'json',
};
import callStartTwilioWithSession from '../../fixtures/valid/call-start-twilio-with-session.json' with {
  type: 'json',
};
import callStartWebVoice from '../../fixtures/valid/call-start-web-voice.json' with {
  type: 'json',
};
import organizationProjectCreated from '../../fixtures/valid/organization-project-created.json' with {
  type: 'json',
};
import organizationProjectDeleted from '../../fixtures/valid/organization-project-deleted.json' with {
  type: 'json',
};
import organizationProjectEnvironmentCreated from '../../fixtures/valid/organization-project-environment-created.json' with {
  type: 'json',
};
import organizationProjectPublished from '../../fixtures/valid/organization-project-published.json' with {
  type: 'json',
};
import sessionEnd from '../../fixtures/valid/session-end.json' with { type: 'json' };
import sessionEndReplaced from '../../fixtures/valid/session-end-replaced.json' with {
  type: 'json',
};
import sessionStart from '../../fixtures/valid/session-start.json' with { type: 'json' };
import type { KnownEvent, UnknownEvent } from '../core/index';

/** Every fixture, by file name without `.json`. */
export interface Fixtures {
  /** Known events that must parse. */
  readonly valid: Readonly<Record<string, KnownEvent>>;
  /** Events of types this package does not know: they parse and are passed through. */
  readonly unknown: Readonly<Record<string, UnknownEvent>>;
  /** Raw request bodies that must be rejected (400): not JSON, or not a valid event. */
  readonly invalid: Readonly<Record<string, string>>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The repository's fixtures: `valid` and `unknown` as parsed events, `invalid` as raw bodies.
 * Frozen, so one test cannot change what the next one sees; `structuredClone` one to edit it.
 *
 * @example
 * ```ts
 * import { fixtures } from 'voiceflow-webhooks/testing';
 *
 * for (const [name, body] of Object.entries(fixtures.invalid)) {
 *   const response = await handler(new Request(url, { method: 'POST', body }));
 *   expect(response.status, name).toBe(400);
 * }
 * ```
 */
export const fixtures: Fixtures = /* @__PURE__ */ deepFreeze({
  valid: {
    'call-end-twilio-inbound': callEndTwilioInbound,
    'call-end-twilio-outbound': callEndTwilioOutbound,
    'call-end-web-voice': callEndWebVoice,
    'call-start-telnyx': callStartTelnyx,
    'call-start-twilio-inbound': callStartTwilioInbound,
    'call-start-twilio-outbound': callStartTwilioOutbound,
    'call-start-twilio-returning-caller': callStartTwilioReturningCaller,
    'call-start-twilio-with-session': callStartTwilioWithSession,
    'call-start-web-voice': callStartWebVoice,
    'organization-project-created': organizationProjectCreated,
    'organization-project-deleted': organizationProjectDeleted,
    'organization-project-environment-created': organizationProjectEnvironmentCreated,
    'organization-project-published': organizationProjectPublished,
    'session-end-replaced': sessionEndReplaced,
    'session-end': sessionEnd,
    'session-start': sessionStart,
  } as Record<string, KnownEvent>,
  unknown: {
    'deprecated-call-start-v2': deprecatedCallStartV2,
    'event-without-data': eventWithoutData,
    'future-event-type': futureEventType,
  },
  // The annotations let a bundler drop every fixture from a test that uses only the factories.
  invalid: {
    'array-body': /* @__PURE__ */ JSON.stringify(arrayBody),
    'call-end-end-time-as-string': /* @__PURE__ */ JSON.stringify(callEndEndTimeAsString),
    'call-start-metadata-null': /* @__PURE__ */ JSON.stringify(callStartMetadataNull),
    'call-start-missing-start-time': /* @__PURE__ */ JSON.stringify(callStartMissingStartTime),
    'call-start-twilio-without-call-sid': /* @__PURE__ */ JSON.stringify(
      callStartTwilioWithoutCallSid,
    ),
    // Not JSON, so not importable: the file's text, held equal to it by the fixtures test.
    'empty-body': '\n',
    'missing-type': /* @__PURE__ */ JSON.stringify(missingType),
    // Not JSON either (the trailing comma), so written out the same way.
    'not-json-trailing-comma':
      '{"type":"runtime.call.start","data":{"userID":"+19876543210","environmentID":"69f3df348d8088f34a622739","projectID":"6772da2e485189279fa5b9da","startTime":1743563467788,"platform":"twilio","metadata":{"callSid":"CA01ed76f14fee29c50f5de59400474006","callType":"inbound","userNumber":"+19876543210","agentNumber":"+17782006110"}},"time":1743563467874,"resource":"project-6772da2e485189279fa5b9da",}\n',
    'null-body': /* @__PURE__ */ JSON.stringify(nullBody),
    'organization-created-missing-created-by': /* @__PURE__ */ JSON.stringify(
      organizationCreatedMissingCreatedBy,
    ),
    'session-end-without-data': /* @__PURE__ */ JSON.stringify(sessionEndWithoutData),
    'session-start-missing-session-id': /* @__PURE__ */ JSON.stringify(
      sessionStartMissingSessionId,
    ),
    'type-is-a-number': /* @__PURE__ */ JSON.stringify(typeIsANumber),
  },
});
