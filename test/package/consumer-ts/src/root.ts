/**
 * Every export of `voiceflow-webhooks`, used the way the README shows, so that a declaration
 * that stops resolving, loses a member or widens a narrowing fails the TypeScript matrix.
 * Compiled as an ES module and as CommonJS, hence no top-level await.
 */
import {
  type Actor,
  type CallEndEvent,
  type CallEndFields,
  type CallEvent,
  type CallParties,
  type CallStartEvent,
  type CallStartFields,
  type CallType,
  callDuration,
  callKey,
  callParties,
  createEventRouter,
  type EnvironmentEventData,
  EVENT_TYPES,
  type EventBytes,
  type EventEnvelope,
  type EventHandler,
  type EventHandlers,
  type EventOf,
  type EventRouter,
  type EventRouterOptions,
  type EventType,
  eventSchema,
  eventSchemas,
  type Guard,
  type IncomingHeaders,
  type Issue,
  isCallEnd,
  isCallEvent,
  isCallStart,
  isEventType,
  isKnownEvent,
  isOrganizationEvent,
  isSessionEnd,
  isSessionEvent,
  isSessionStart,
  isTwilioCall,
  isUnknownEvent,
  isWebhookParseError,
  isWebhookSignatureError,
  isWebVoiceCall,
  type KnownEvent,
  type MetadataFor,
  type OrganizationEnvironmentCreatedEvent,
  type OrganizationEnvironmentDeletedEvent,
  type OrganizationEnvironmentMergedEvent,
  type OrganizationEnvironmentPublishedEvent,
  type OrganizationEvent,
  type OrganizationProjectCreatedEvent,
  type OrganizationProjectData,
  type OrganizationProjectDeletedEvent,
  type OrganizationProjectPublishedEvent,
  type OtherPlatformMetadata,
  type Platform,
  type PlatformMetadataMap,
  type ProjectCreatedData,
  type ProjectDeletedData,
  type ProjectEventData,
  type ProjectPublishedData,
  parseEvent,
  type SafeParseEventResult,
  type SessionEndData,
  type SessionEndEvent,
  type SessionEvent,
  type SessionStartData,
  type SessionStartEvent,
  type SignatureFailureReason,
  type SignatureHeaders,
  type StandardSchemaIssue,
  type StandardSchemaResult,
  type StandardSchemaV1,
  safeParseEvent,
  type TwilioMetadata,
  type UnknownEvent,
  type VerifySignatureOptions,
  type VersionVariant,
  type VoiceflowEvent,
  verifySignature,
  WebhookParseError,
  type WebhookParseErrorCode,
  WebhookSignatureError,
  type WebVoiceMetadata,
} from 'voiceflow-webhooks';
import type { AllTrue, Extends, Same } from './assert.js';

/** Parsing: every accepted input shape, and both error paths. */
export function parse(body: string, bytes: EventBytes): VoiceflowEvent[] {
  const fromText: VoiceflowEvent = parseEvent(body);
  const result: SafeParseEventResult = safeParseEvent(bytes);
  if (!result.success) {
    const code: WebhookParseErrorCode = result.error.code;
    const [first]: readonly [Issue, ...Issue[]] = result.error.issues;
    throw new WebhookParseError(code, [{ path: first.path, message: first.message }]);
  }
  return [fromText, result.event];
}

/** Errors: both classes, their guards and their machine-readable fields. */
export function describeError(error: unknown): string {
  if (isWebhookParseError(error)) return `${error.code}: ${error.issues[0].message}`;
  if (isWebhookSignatureError(error)) {
    const reason: SignatureFailureReason = error.reason;
    return reason;
  }
  if (error instanceof WebhookSignatureError || error instanceof WebhookParseError) return 'never';
  return String(error);
}

/** Guards narrow `unknown` to the event they name, down to Twilio metadata. */
export function describeEvent(event: unknown): string {
  if (isTwilioCall(event)) {
    const metadata: TwilioMetadata = event.data.metadata;
    const callType: CallType = metadata.callType;
    return `${event.data.metadata.callSid} ${callType}`;
  }
  if (isWebVoiceCall(event)) {
    const metadata: WebVoiceMetadata = event.data.metadata;
    // @ts-expect-error web-voice metadata has no documented callSid
    return metadata.callSid;
  }
  if (isCallStart(event)) return `start ${event.data.startTime} ${event.data.platform}`;
  if (isCallEnd(event)) return `end ${callDuration(event)} ms ${event.data.endReason ?? ''}`;
  if (isSessionStart(event)) return `session ${event.data.sessionID}`;
  if (isSessionEnd(event)) return `session ended after ${callDuration(event)} ms`;
  if (isOrganizationEvent(event)) return organizationSummary(event);
  if (isUnknownEvent(event)) return `new type ${event.type}`;
  return 'not an event';
}

/** The broader guards, and `switch` narrowing on `type`. */
export function classify(value: unknown): EventType | 'call' | 'session' | 'other' {
  if (isCallEvent(value)) {
    const event: CallEvent = value;
    const key: string = callKey(event);
    const parties: CallParties | undefined = callParties(event);
    return parties === undefined ? 'call' : key.length > 0 ? event.type : 'call';
  }
  if (isSessionEvent(value)) {
    const session: SessionEvent = value;
    return session.type;
  }
  if (isKnownEvent(value)) {
    const known: KnownEvent = value;
    return known.type;
  }
  return 'other';
}

function organizationSummary(event: OrganizationEvent): string {
  switch (event.type) {
    case 'organization.project.created':
      return actorEmail(event.data.createdBy);
    case 'organization.project.deleted':
      return actorEmail(event.data.deletedBy);
    case 'organization.project.published':
      return `${actorEmail(event.data.publishedBy)} published ${event.data.versionID}`;
    default:
      return `${event.type} ${event.data.projectID ?? ''}`;
  }
}

function actorEmail(actor: Actor): string {
  return actor.userEmail;
}

/** The named data and envelope types are the ones the events are built from. */
export type DataTypes = AllTrue<
  [
    Extends<CallStartEvent['data'], CallStartFields>,
    Extends<CallEndEvent['data'], CallEndFields>,
    Same<SessionStartEvent, EventEnvelope<'runtime.session.start', SessionStartData>>,
    Same<SessionEndEvent['data'], SessionEndData>,
    Extends<SessionEndData | CallEndFields, ProjectEventData>,
    Same<OrganizationProjectCreatedEvent['data'], ProjectCreatedData>,
    Same<OrganizationProjectDeletedEvent['data'], ProjectDeletedData>,
    Same<OrganizationProjectPublishedEvent['data'], ProjectPublishedData>,
    Extends<ProjectCreatedData | ProjectDeletedData, OrganizationProjectData>,
    Same<OrganizationEnvironmentCreatedEvent['data'], EnvironmentEventData>,
    Same<OrganizationEnvironmentPublishedEvent['data'], EnvironmentEventData>,
    Same<OrganizationEnvironmentMergedEvent['data'], EnvironmentEventData>,
    Same<OrganizationEnvironmentDeletedEvent['data'], EnvironmentEventData>,
  ]
>;

/** Platform-narrowed event types and the metadata map behind them. */
export function platforms(
  twilioStart: CallStartEvent<'twilio'>,
  webVoiceEnd: CallEndEvent<'web-voice'>,
  session: SessionStartEvent | SessionEndEvent,
): Platform[] {
  const sid: PlatformMetadataMap['twilio']['callSid'] = twilioStart.data.metadata.callSid;
  const other: MetadataFor<'telnyx'> = {} satisfies OtherPlatformMetadata;
  const variant: VersionVariant | null | undefined = session.data.versionVariant;
  const newPlatform: Platform = 'some-future-platform';
  return sid.length > 0 && other && variant !== 'draft'
    ? [twilioStart.data.platform, webVoiceEnd.data.platform, newPlatform]
    : [];
}

/** `EventOf` maps a type string to its event; `EVENT_TYPES` and `isEventType` agree with it. */
export function eventOf(type: string, event: EventOf<'runtime.call.end'>): EventType | undefined {
  const end: CallEndEvent = event;
  const first: EventType = EVENT_TYPES[0];
  return isEventType(type) && end.data.endTime > 0 ? type : first;
}

/** Routing: handlers typed by key, a wildcard, unknown events, and a context object. */
export function router(): EventRouter<{ requestId: string }> {
  const onEnd: EventHandler<CallEndEvent, { requestId: string }> = async (event, context) => {
    const ms: number = callDuration(event);
    return `${context.requestId} ${ms}`;
  };
  const on: EventHandlers<{ requestId: string }> = {
    'runtime.call.end': onEnd,
    'runtime.call.start': (event) => event.data.metadata,
    '*': (event: VoiceflowEvent) => event.type,
  };
  const options: EventRouterOptions<{ requestId: string }> = {
    on,
    onUnknownEvent: (event: UnknownEvent, context) => `${event.type} ${context.requestId}`,
  };
  return createEventRouter(options);
}

/** A router without a context needs no second argument. */
export function route(event: VoiceflowEvent): Promise<void> {
  return createEventRouter({ on: { 'runtime.session.end': (e) => e.data.sessionID } })(event);
}

/** Signatures: plain-object and `Headers` inputs, several secrets, and the failure reason. */
export function verify(payload: string, headers: IncomingHeaders): Promise<void> {
  const options: VerifySignatureOptions = {
    payload,
    headers,
    secret: ['whsec_old', 'whsec_new'],
    toleranceSeconds: 300,
    now: new Date(),
  };
  return verifySignature(options).catch((error: unknown) => {
    if (isWebhookSignatureError(error)) throw new WebhookSignatureError(error.reason);
    throw error;
  });
}

/** The three values a signature is computed from. */
export function signedWith(headers: SignatureHeaders): string {
  return `${headers.id}.${headers.timestamp}.${headers.signature}`;
}

/** Standard Schema objects, for tools that validate with any Standard Schema. */
export async function standardSchemas(value: unknown): Promise<readonly StandardSchemaIssue[]> {
  const any: StandardSchemaV1<unknown, VoiceflowEvent> = eventSchema;
  const callEnd: StandardSchemaV1<unknown, CallEndEvent> = eventSchemas['runtime.call.end'];
  const result: StandardSchemaResult<VoiceflowEvent> = await any['~standard'].validate(value);
  const ended = await callEnd['~standard'].validate(value);
  if (ended.issues === undefined) return [];
  return result.issues ?? ended.issues;
}

/** `Guard<T>` is the type of every guard above. */
export const guards: Guard<KnownEvent | UnknownEvent>[] = [isKnownEvent, isUnknownEvent];
