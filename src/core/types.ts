/**
 * Public event types. Field types come from the valibot declarations in `./schemas` (imported
 * for their types only, so no schema code reaches the bundle); what TypeScript cannot infer
 * from a variant, the platform-to-metadata mapping, is composed here and held to the schemas by
 * `types.test-d.ts`.
 */
import type * as v from 'valibot';
import type {
  ActorSchema,
  CallEndEventSchema,
  CallStartEventSchema,
  CallTypeSchema,
  KNOWN_EVENT_SCHEMAS,
  OrganizationEnvironmentCreatedEventSchema,
  OrganizationEnvironmentDeletedEventSchema,
  OrganizationEnvironmentMergedEventSchema,
  OrganizationEnvironmentPublishedEventSchema,
  OrganizationProjectCreatedEventSchema,
  OrganizationProjectDeletedEventSchema,
  OrganizationProjectPublishedEventSchema,
  PlatformSchema,
  SessionEndEventSchema,
  SessionStartEventSchema,
  TwilioMetadataSchema,
  VersionVariantSchema,
} from './schemas';

/** Every event type this package knows, e.g. `'runtime.call.end'`. */
export type EventType = keyof typeof KNOWN_EVENT_SCHEMAS;

/**
 * The telephony or voice platform of a call. Known values autocomplete; any other string is
 * valid too, because Voiceflow adds platforms without notice.
 */
export type Platform = v.InferOutput<typeof PlatformSchema>;

/** Direction of a Twilio call: `'inbound'`, `'outbound'`, `'prototype-outbound'` or a newer value. */
export type CallType = v.InferOutput<typeof CallTypeSchema>;

/** Whether the run used the draft or the published version (open for future variants). */
export type VersionVariant = v.InferOutput<typeof VersionVariantSchema>;

/** Metadata of a Twilio call: Call SID, direction and both phone numbers (format unchecked). */
export type TwilioMetadata = v.InferOutput<typeof TwilioMetadataSchema>;

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

type CallStartData = v.InferOutput<typeof CallStartEventSchema>['data'];
type CallEndData = v.InferOutput<typeof CallEndEventSchema>['data'];
/** The declared keys of a loose object type, without its index signature. */
type DeclaredFields<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};
/** The fields of call data other than `platform` and `metadata`, taken from the Twilio option. */
type CallFields<D> = D extends { platform: 'twilio' }
  ? Omit<DeclaredFields<D>, 'platform' | 'metadata'>
  : never;
/** Distributes over `P` so that `CallStartEvent<'twilio' | 'web-voice'>` stays a tagged union. */
type CallEnvelope<T extends string, D, P extends Platform> = P extends unknown
  ? {
      type: T;
      data: CallFields<D> & { platform: P; metadata: MetadataFor<P> } & {
        [key: string]: unknown;
      };
      time: number;
      resource: string;
      [key: string]: unknown;
    }
  : never;

/**
 * `runtime.call.start`: a Twilio or web-voice call (or another platform's) began.
 * `P` narrows `data.metadata`: `CallStartEvent<'twilio'>` has `TwilioMetadata`.
 */
export type CallStartEvent<P extends Platform = Platform> = CallEnvelope<
  'runtime.call.start',
  CallStartData,
  string extends P ? Platform : P
>;

/** `runtime.call.end`: a call finished; `endTime` and usually `endReason` are set. */
export type CallEndEvent<P extends Platform = Platform> = CallEnvelope<
  'runtime.call.end',
  CallEndData,
  string extends P ? Platform : P
>;

/** `runtime.session.start`: a conversation session began (a call may reuse an open one). */
export type SessionStartEvent = v.InferOutput<typeof SessionStartEventSchema>;
/** `runtime.session.end`: a session ended, e.g. after inactivity or when replaced. */
export type SessionEndEvent = v.InferOutput<typeof SessionEndEventSchema>;

/** The user (or, later, another kind of actor) behind an organization event. */
export type Actor = v.InferOutput<typeof ActorSchema>;

/** `organization.project.created`. */
export type OrganizationProjectCreatedEvent = v.InferOutput<
  typeof OrganizationProjectCreatedEventSchema
>;
/** `organization.project.deleted`. */
export type OrganizationProjectDeletedEvent = v.InferOutput<
  typeof OrganizationProjectDeletedEventSchema
>;
/** `organization.project.published`. */
export type OrganizationProjectPublishedEvent = v.InferOutput<
  typeof OrganizationProjectPublishedEventSchema
>;
/** `organization.project.environment.created` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentCreatedEvent = v.InferOutput<
  typeof OrganizationEnvironmentCreatedEventSchema
>;
/** `organization.project.environment.published` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentPublishedEvent = v.InferOutput<
  typeof OrganizationEnvironmentPublishedEventSchema
>;
/** `organization.project.environment.merged` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentMergedEvent = v.InferOutput<
  typeof OrganizationEnvironmentMergedEventSchema
>;
/** `organization.project.environment.deleted` (payload not documented by Voiceflow). */
export type OrganizationEnvironmentDeletedEvent = v.InferOutput<
  typeof OrganizationEnvironmentDeletedEventSchema
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
