import { isEventType } from './event-types';
import type {
  CallEndEvent,
  CallEvent,
  CallStartEvent,
  EventOf,
  EventType,
  KnownEvent,
  OrganizationEvent,
  SessionEndEvent,
  SessionEvent,
  SessionStartEvent,
  UnknownEvent,
} from './types';
import { isFields, isValidEventOf, isValidKnownEvent } from './validate';

/** A type guard over any value. */
export type Guard<T> = (value: unknown) => value is T;

function isEventOf<T extends EventType>(type: T): Guard<EventOf<T>> {
  return (value): value is EventOf<T> => isValidEventOf(value, type);
}

/** Whether `value` is a valid `runtime.call.start` event. */
export const isCallStart: Guard<CallStartEvent> = /* @__PURE__ */ isEventOf('runtime.call.start');

/** Whether `value` is a valid `runtime.call.end` event. */
export const isCallEnd: Guard<CallEndEvent> = /* @__PURE__ */ isEventOf('runtime.call.end');

/** Whether `value` is a valid `runtime.session.start` event. */
export const isSessionStart: Guard<SessionStartEvent> =
  /* @__PURE__ */ isEventOf('runtime.session.start');

/** Whether `value` is a valid `runtime.session.end` event. */
export const isSessionEnd: Guard<SessionEndEvent> =
  /* @__PURE__ */ isEventOf('runtime.session.end');

/** Whether `value` is a valid call event, start or end. */
export function isCallEvent(value: unknown): value is CallEvent {
  return isCallStart(value) || isCallEnd(value);
}

/** Whether `value` is a valid session event, start or end. */
export function isSessionEvent(value: unknown): value is SessionEvent {
  return isSessionStart(value) || isSessionEnd(value);
}

/** Whether `value` is a valid event of a known type. */
export function isKnownEvent(value: unknown): value is KnownEvent {
  return isValidKnownEvent(value);
}

/** Whether `value` is a valid `organization.*` event of a known type. */
export function isOrganizationEvent(value: unknown): value is OrganizationEvent {
  return isKnownEvent(value) && value.type.startsWith('organization.');
}

/**
 * Whether `value` is an event of a type this package does not know: an object with a string
 * `type` outside {@link EVENT_TYPES}. Such events pass `parseEvent` untouched.
 */
export function isUnknownEvent(value: unknown): value is UnknownEvent {
  try {
    const type = isFields(value) && value.type;
    return typeof type === 'string' && !isEventType(type);
  } catch {
    // A value whose reading throws (a proxy, a getter) is not an event; parseEvent says so too.
    return false;
  }
}

/**
 * Whether `value` is a valid call event placed through Twilio. Narrows `data.metadata` to
 * {@link TwilioMetadata}.
 *
 * @example
 * ```ts
 * if (isTwilioCall(event)) console.log(event.data.metadata.callSid);
 * ```
 */
export function isTwilioCall(value: unknown): value is CallEvent<'twilio'> {
  return isCallEvent(value) && value.data.platform === 'twilio';
}

/** Whether `value` is a valid call event from the web widget's voice mode. */
export function isWebVoiceCall(value: unknown): value is CallEvent<'web-voice'> {
  return isCallEvent(value) && value.data.platform === 'web-voice';
}
