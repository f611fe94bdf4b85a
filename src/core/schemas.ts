/**
 * The one declaration of every event Voiceflow documents, in valibot.
 *
 * Nothing at runtime imports this module: the parser runs a hand-tuned validator
 * (`./shapes` + `./validate`) because valibot's generic walk costs several times a
 * `JSON.parse`. Instead, the TypeScript types are inferred from these schemas, the JSON Schema
 * is generated from them at build time, and tests hold the fast validator to them: a structural
 * test compares the two declarations field by field and a differential property test feeds both
 * the same inputs. Change an event here first; the tests then say what else must follow.
 */
import * as v from 'valibot';

/**
 * A string schema whose type keeps the documented values as literals beside any other string,
 * so editors autocomplete `'inbound'` while a value Voiceflow adds later still parses.
 */
function openEnum<const T extends readonly string[]>(
  values: T,
): v.GenericSchema<string, T[number] | (string & {})> {
  return v.pipe(v.string(), v.metadata({ knownValues: values }));
}

/**
 * The fallback discriminator of a variant: any string except the values earlier options claim.
 * Without the exclusion valibot would retry a failed `twilio` call as "some other platform"
 * and accept it, because a variant moves on to later options when one reports issues.
 */
function anyStringExcept<const T extends readonly string[], const K extends readonly string[]>(
  claimed: T,
  knownValues: K,
): v.GenericSchema<string, K[number] | (string & {})> {
  return v.pipe(v.string(), v.notValues(claimed), v.metadata({ knownValues }));
}

const optionalNullable = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);

/**
 * `schema` (a `looseObject` or `variant`) refusing arrays, as JSON Schema's `"type": "object"`
 * does, where valibot takes any non-null object. An array gets one issue at the object's own
 * path, not one per missing field. The result keeps the schema's type, entries and options, so
 * it still serves as a variant option and converts to JSON Schema unchanged.
 */
function jsonObject<T extends v.GenericSchema>(schema: T): T {
  const run = schema['~run'];
  return v._standardSchema<T>({
    ...schema,
    '~run'(dataset, config) {
      if (!Array.isArray(dataset.value)) return run.call(this, dataset, config);
      v._addIssue(this, 'type', dataset, config);
      return dataset as ReturnType<T['~run']>;
    },
  });
}

/** An object with the documented fields, open to any other field; never an array. */
const object = <const E extends v.ObjectEntries>(entries: E) => jsonObject(v.looseObject(entries));

/** Call types documented for Twilio calls. */
export const CALL_TYPES = ['inbound', 'outbound', 'prototype-outbound'] as const;
/** Platforms named in Voiceflow's documentation. */
export const PLATFORMS = ['twilio', 'web-voice', 'telnyx', 'vonage'] as const;
/** Version variants documented for session and call events. */
export const VERSION_VARIANTS = ['draft', 'published'] as const;

export const CallTypeSchema = openEnum(CALL_TYPES);
export const PlatformSchema = openEnum(PLATFORMS);
/** Platforms without documented metadata: everything but `twilio` and `web-voice`. */
export const OtherPlatformSchema = anyStringExcept(['twilio', 'web-voice'], ['telnyx', 'vonage']);
export const VersionVariantSchema = openEnum(VERSION_VARIANTS);

/** Metadata of a Twilio call. */
export const TwilioMetadataSchema = object({
  callSid: v.string(),
  callType: CallTypeSchema,
  userNumber: v.string(),
  agentNumber: v.string(),
});

/** Metadata of a web-voice call: empty today, open to the fields Voiceflow may add. */
export const WebVoiceMetadataSchema = object({});

/** Metadata of a platform whose metadata is not documented. */
export const OtherPlatformMetadataSchema = object({});

const projectIdentity = {
  userID: v.string(),
  projectID: v.string(),
  environmentID: v.string(),
  startTime: v.number(),
};

const versionFields = {
  versionID: optionalNullable(v.string()),
  transcriptID: optionalNullable(v.string()),
  versionVariant: optionalNullable(VersionVariantSchema),
  projectEnvironmentID: optionalNullable(v.string()),
  projectEnvironmentAlias: optionalNullable(v.string()),
};

const callStartFields = {
  ...projectIdentity,
  sessionID: optionalNullable(v.string()),
  ...versionFields,
};

const callEndFields = {
  ...projectIdentity,
  endTime: v.number(),
  endReason: optionalNullable(v.string()),
  sessionID: optionalNullable(v.string()),
  ...versionFields,
};

/**
 * Call data is a variant on `platform`: Twilio metadata has documented fields, web-voice and
 * any other platform only need an object. The last option takes every other string, which is
 * what keeps the platform enum open.
 */
function callData<F extends v.ObjectEntries>(fields: F) {
  return jsonObject(
    v.variant('platform', [
      object({ platform: v.literal('twilio'), ...fields, metadata: TwilioMetadataSchema }),
      object({
        platform: v.literal('web-voice'),
        ...fields,
        metadata: WebVoiceMetadataSchema,
      }),
      object({
        platform: OtherPlatformSchema,
        ...fields,
        metadata: OtherPlatformMetadataSchema,
      }),
    ]),
  );
}

/** The envelope every event shares: `type`, `data`, `time` (unix ms) and `resource`. */
function envelope<T extends string, D extends v.GenericSchema>(type: T, data: D) {
  return object({ type: v.literal(type), data, time: v.number(), resource: v.string() });
}

export const CallStartEventSchema = envelope('runtime.call.start', callData(callStartFields));
export const CallEndEventSchema = envelope('runtime.call.end', callData(callEndFields));

export const SessionStartEventSchema = envelope(
  'runtime.session.start',
  object({ ...projectIdentity, sessionID: v.string(), ...versionFields }),
);
export const SessionEndEventSchema = envelope(
  'runtime.session.end',
  object({
    ...projectIdentity,
    sessionID: v.string(),
    endTime: v.number(),
    endReason: optionalNullable(v.string()),
    ...versionFields,
  }),
);

/** Who did something in the organization. Only `user` actors are documented. */
export const ActorSchema = object({
  type: openEnum(['user'] as const),
  userEmail: v.string(),
});

const organizationProject = {
  organizationID: v.string(),
  projectID: v.string(),
  workspaceID: v.string(),
};

/** Environment events are listed by Voiceflow without a documented payload. */
const undocumentedOrganizationData = object({
  organizationID: optionalNullable(v.string()),
  projectID: optionalNullable(v.string()),
  workspaceID: optionalNullable(v.string()),
});

export const OrganizationProjectCreatedEventSchema = envelope(
  'organization.project.created',
  object({ createdBy: ActorSchema, ...organizationProject }),
);
export const OrganizationProjectDeletedEventSchema = envelope(
  'organization.project.deleted',
  object({ deletedBy: ActorSchema, ...organizationProject }),
);
export const OrganizationProjectPublishedEventSchema = envelope(
  'organization.project.published',
  object({
    publishedBy: ActorSchema,
    ...organizationProject,
    // The docs name these two without saying what they hold, so any value is kept as sent.
    publishedFromEnvironment: v.optional(v.unknown()),
    publishedToEnvironment: v.optional(v.unknown()),
    versionID: v.string(),
  }),
);
export const OrganizationEnvironmentCreatedEventSchema = envelope(
  'organization.project.environment.created',
  undocumentedOrganizationData,
);
export const OrganizationEnvironmentPublishedEventSchema = envelope(
  'organization.project.environment.published',
  undocumentedOrganizationData,
);
export const OrganizationEnvironmentMergedEventSchema = envelope(
  'organization.project.environment.merged',
  undocumentedOrganizationData,
);
export const OrganizationEnvironmentDeletedEventSchema = envelope(
  'organization.project.environment.deleted',
  undocumentedOrganizationData,
);

/** Every known event schema, keyed by its `type`. */
export const KNOWN_EVENT_SCHEMAS = {
  'runtime.call.start': CallStartEventSchema,
  'runtime.call.end': CallEndEventSchema,
  'runtime.session.start': SessionStartEventSchema,
  'runtime.session.end': SessionEndEventSchema,
  'organization.project.created': OrganizationProjectCreatedEventSchema,
  'organization.project.deleted': OrganizationProjectDeletedEventSchema,
  'organization.project.published': OrganizationProjectPublishedEventSchema,
  'organization.project.environment.created': OrganizationEnvironmentCreatedEventSchema,
  'organization.project.environment.published': OrganizationEnvironmentPublishedEventSchema,
  'organization.project.environment.merged': OrganizationEnvironmentMergedEventSchema,
  'organization.project.environment.deleted': OrganizationEnvironmentDeletedEventSchema,
} as const;

/** An event of a type no schema knows: any object whose `type` is some other string. */
export const UnknownEventSchema = object({
  type: anyStringExcept(
    Object.keys(KNOWN_EVENT_SCHEMAS) as (keyof typeof KNOWN_EVENT_SCHEMAS)[],
    [],
  ),
});

/**
 * Any event: a known type must match its schema; any other string type passes untouched.
 * The fallback's discriminator excludes the known types, so a known event that fails its
 * schema is reported, never accepted as unknown.
 */
export const EventSchema = jsonObject(
  v.variant('type', [...Object.values(KNOWN_EVENT_SCHEMAS), UnknownEventSchema]),
);
