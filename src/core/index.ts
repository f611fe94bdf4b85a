export {
  type Issue,
  isWebhookParseError,
  WebhookParseError,
  type WebhookParseErrorCode,
} from './errors';
export { EVENT_TYPES, isEventType } from './event-types';
export {
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
} from './guards';
export { type CallParties, callDuration, callKey, callParties } from './helpers';
export { type EventBytes, parseEvent, type SafeParseEventResult, safeParseEvent } from './parse';
export {
  createEventRouter,
  type EventHandler,
  type EventHandlers,
  type EventRouter,
  type EventRouterOptions,
} from './router';
export {
  eventSchema,
  eventSchemas,
  type StandardSchemaIssue,
  type StandardSchemaResult,
  type StandardSchemaV1,
} from './standard-schema';
export type * from './types';
