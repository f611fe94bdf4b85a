/**
 * Public event types, written out so that editors show readable names and per-field docs.
 * They restate `./schemas`, and `test/core/types.test-d.ts` holds every one of them equal to
 * what valibot infers from those schemas, so the two cannot drift.
 */

/** Every event type this package knows, e.g. `'runtime.call.end'`. */
export type EventType =
  | 'runtime.call.start'
  | 'runtime.call.end'
  | 'runtime.session.start'
  | 'runtime.session.end'
  | 'organization.project.created'
  | 'organization.project.deleted'
  | 'organization.project.published'
  | 'organization.project.environment.created'
  | 'organization.project.environment.published'
  | 'organization.project.environment.merged'
  | 'organization.project.environment.deleted';

/**
 * The telephony or voice platform of a call. The documented values autocomplete; any other
 * string is valid too, because Voiceflow adds platforms without notice.
 */
export type Platform = 'twilio' | 'web-voice' | 'telnyx' | 'vonage' | (string & {});

/** Direction of a Twilio call; values Voiceflow adds later are valid too. */
export type CallType = 'inbound' | 'outbound' | 'prototype-outbound' | (string & {});

/** Whether the run used the draft or the published version (open for future variants). */
export type VersionVariant = 'draft' | 'published' | (string & {});

/** Metadata of a Twilio call. Phone numbers are as Twilio gives them (E.164, SIP or client ids). */
export interface TwilioMetadata {
  /** Twilio's Call SID (`CA` + 32 hex digits), to look the call up in Twilio's logs. */
  callSid: string;
  /** Who called whom: see `callParties`. */
  callType: CallType;
  /** The end user's number. */
  userNumber: string;
  /** The agent's (your Voiceflow number's) number. */
  agentNumber: string;
  [key: string]: unknown;
}

/**
 * Metadata of a web-voice call: no documented fields today. Typed as `object` so that reading a
 * Twilio field on it is a type error; read fields Voiceflow adds later with `'name' in metadata`.
 */
export type WebVoiceMetadata = object;

/** Metadata of a platform without documented metadata (telnyx, vonage, anything newer). */
export type OtherPlatformMetadata = object;

/** Maps each platform with documented metadata to that metadata's type. */
export interface PlatformMetadataMap {
  twilio: TwilioMetadata;
  'web-voice': WebVoiceMetadata;
}

/** The metadata type of calls on platform `P`; the union of all when `P` is not one literal. */
export type MetadataFor<P extends string> = string extends P
  ? TwilioMetadata | WebVoiceMetadata | OtherPlatformMetadata
  : P extends keyof PlatformMetadataMap
    ? PlatformMetadataMap[P]
    : OtherPlatformMetadata;

/**
 * The envelope every event shares. Extra top-level fields are kept and typed `unknown`.
 */
export interface EventEnvelope<T extends string, D> {
  /** The event type. */
  type: T;
  /** The event's payload. */
  data: D;
  /** When the event happened, in unix milliseconds. */
  time: number;
  /** `project-<projectID>` or `organization-<organizationID>`. */
  resource: string;
  [key: string]: unknown;
}

/** Fields every session and call event carries. Optional ones may be absent or `null`. */
export interface ProjectEventData {
  /** The end user: the caller's number on phone calls, a generated id on the web. */
  userID: string;
  /** The Voiceflow project (agent). */
  projectID: string;
  /** The environment the run used: an id or an alias such as `"development"`; do not parse it. */
  environmentID: string;
  /** When the call or session started, in unix milliseconds. */
  startTime: number;
  /** The version that ran (same value as `environmentID` today). */
  versionID?: string | null | undefined;
  /** The transcript of the session; `null` when transcripts are off. */
  transcriptID?: string | null | undefined;
  /** Draft or published. */
  versionVariant?: VersionVariant | null | undefined;
  /** The project environment's id. */
  projectEnvironmentID?: string | null | undefined;
  /** The project environment's alias, e.g. `"production"`. */
  projectEnvironmentAlias?: string | null | undefined;
  [key: string]: unknown;
}

/** Data of `runtime.call.start` apart from `platform` and `metadata`. */
export interface CallStartFields extends ProjectEventData {
  /** The session the call runs in; `null` when a returning caller reuses an open session. */
  sessionID?: string | null | undefined;
}

/** Data of `runtime.call.end` apart from `platform` and `metadata`. */
export interface CallEndFields extends CallStartFields {
  /** When the call ended, in unix milliseconds. */
  endTime: number;
  /** Why: free text such as `"hangup"`, `"end trace"`, `"twiml"`, `"answering machine"`. */
  endReason?: string | null | undefined;
}

/** Widens a plain `string` platform argument to {@link Platform}, keeping literals. */
type PlatformArgument<P extends Platform> = string extends P ? Platform : P;

/** Distributes over `P` so that a union of platforms stays a union tagged by `data.platform`. */
type CallEnvelope<T extends string, F, P extends Platform> = P extends unknown
  ? EventEnvelope<T, F & { platform: P; metadata: MetadataFor<P> }>
  : never;

/**
 * `runtime.call.start`: a Twilio, web-voice or other call began.
 * `P` narrows `data.metadata`: `CallStartEvent<'twilio'>` has {@link TwilioMetadata}.
 */
export type CallStartEvent<P extends Platform = Platform> = CallEnvelope<
  'runtime.call.start',
  CallStartFields,
  PlatformArgument<P>
>;

/** `runtime.call.end`: a call finished; `endTime` is set and usually `endReason`. */
export type CallEndEvent<P extends Platform = Platform> = CallEnvelope<
  'runtime.call.end',
  CallEndFields,
  PlatformArgument<P>
>;

/** Data of `runtime.session.start`. */
export interface SessionStartData extends ProjectEventData {
  /** The session; call events of the same conversation carry it too. */
  sessionID: string;
}

/** Data of `runtime.session.end`. */
export interface SessionEndData extends SessionStartData {
  /** When the session ended, in unix milliseconds. */
  endTime: number;
  /** Why, e.g. `"Session ended due to inactivity timeout"`. */
  endReason?: string | null | undefined;
}

/** `runtime.session.start`: a conversation session began (a call may reuse an open one). */
export type SessionStartEvent = EventEnvelope<'runtime.session.start', SessionStartData>;
/** `runtime.session.end`: a session ended, e.g. after inactivity or when replaced. */
export type SessionEndEvent = EventEnvelope<'runtime.session.end', SessionEndData>;

/** Who did something in the organization. Only `user` actors are documented. */
export interface Actor {
  type: 'user' | (string & {});
  userEmail: string;
  [key: string]: unknown;
}

/** The ids every documented organization event carries. */
export interface OrganizationProjectData {
  organizationID: string;
  projectID: string;
  workspaceID: string;
  [key: string]: unknown;
}

/** Data of `organization.project.created`. */
export interface ProjectCreatedData extends OrganizationProjectData {
  createdBy: Actor;
}

/** Data of `organization.project.deleted`. */
export interface ProjectDeletedData extends OrganizationProjectData {
  deletedBy: Actor;
}

/** Data of `organization.project.published`. */
export interface ProjectPublishedData extends OrganizationProjectData {
  publishedBy: Actor;
  /** The published version. */
  versionID: string;
  /** Named by the docs without a shape; kept exactly as sent. */
  publishedFromEnvironment?: unknown;
  /** Named by the docs without a shape; kept exactly as sent. */
  publishedToEnvironment?: unknown;
}

/** Data of the environment events, whose payload Voiceflow has not documented yet. */
export interface EnvironmentEventData {
  organizationID?: string | null | undefined;
  projectID?: string | null | undefined;
  workspaceID?: string | null | undefined;
  [key: string]: unknown;
}

/** `organization.project.created`. */
export type OrganizationProjectCreatedEvent = EventEnvelope<
  'organization.project.created',
  ProjectCreatedData
>;
/** `organization.project.deleted`. */
export type OrganizationProjectDeletedEvent = EventEnvelope<
  'organization.project.deleted',
  ProjectDeletedData
>;
/** `organization.project.published`. */
export type OrganizationProjectPublishedEvent = EventEnvelope<
  'organization.project.published',
  ProjectPublishedData
>;
/** `organization.project.environment.created` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentCreatedEvent = EventEnvelope<
  'organization.project.environment.created',
  EnvironmentEventData
>;
/** `organization.project.environment.published` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentPublishedEvent = EventEnvelope<
  'organization.project.environment.published',
  EnvironmentEventData
>;
/** `organization.project.environment.merged` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentMergedEvent = EventEnvelope<
  'organization.project.environment.merged',
  EnvironmentEventData
>;
/** `organization.project.environment.deleted` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentDeletedEvent = EventEnvelope<
  'organization.project.environment.deleted',
  EnvironmentEventData
>;

/** Any `organization.*` event, sent to the organization webhook URL. */
export type OrganizationEvent =
  | OrganizationProjectCreatedEvent
  | OrganizationProjectDeletedEvent
  | OrganizationProjectPublishedEvent
  | OrganizationEnvironmentCreatedEvent
  | OrganizationEnvironmentPublishedEvent
  | OrganizationEnvironmentMergedEvent
  | OrganizationEnvironmentDeletedEvent;

/** Either call event, on platform `P`. */
export type CallEvent<P extends Platform = Platform> = CallStartEvent<P> | CallEndEvent<P>;

/** Either session event. */
export type SessionEvent = SessionStartEvent | SessionEndEvent;

/** Every event whose type this package knows; `switch (event.type)` narrows it. */
export type KnownEvent =
  | CallStartEvent
  | CallEndEvent
  | SessionStartEvent
  | SessionEndEvent
  | OrganizationEvent;

/** The event of a given known type, e.g. `EventOf<'runtime.call.end'>` is `CallEndEvent`. */
export type EventOf<T extends EventType> = Extract<KnownEvent, { type: T }>;

/**
 * An event whose `type` this package does not know yet. It passes parsing untouched, so a new
 * Voiceflow event never breaks a deployed endpoint.
 */
export interface UnknownEvent {
  type: string;
  data?: unknown;
  [key: string]: unknown;
}

/** Whatever `parseEvent` returns: a validated known event, or an unknown one passed through. */
export type VoiceflowEvent = KnownEvent | UnknownEvent;
