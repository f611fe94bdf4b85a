/**
 * The event schemas restated in zod 4, field for field as `src/core/schemas.ts` declares them in
 * valibot, so the bench compares the same rules. Zod has no "any string but these" discriminator,
 * so the open `platform` and `type` fallbacks are unions with a refined string.
 */
import { z } from 'zod';

const nullish = (schema) => schema.nullish();
const anyStringExcept = (claimed) => z.string().refine((value) => !claimed.includes(value));

const projectIdentity = {
  userID: z.string(),
  projectID: z.string(),
  environmentID: z.string(),
  startTime: z.number(),
};
const versionFields = {
  versionID: nullish(z.string()),
  transcriptID: nullish(z.string()),
  versionVariant: nullish(z.string()),
  projectEnvironmentID: nullish(z.string()),
  projectEnvironmentAlias: nullish(z.string()),
};
const callStartFields = { ...projectIdentity, sessionID: nullish(z.string()), ...versionFields };
const callEndFields = {
  ...projectIdentity,
  endTime: z.number(),
  endReason: nullish(z.string()),
  sessionID: nullish(z.string()),
  ...versionFields,
};

const twilioMetadata = z.looseObject({
  callSid: z.string(),
  callType: z.string(),
  userNumber: z.string(),
  agentNumber: z.string(),
});

const callData = (fields) =>
  z.union([
    z.looseObject({ platform: z.literal('twilio'), ...fields, metadata: twilioMetadata }),
    z.looseObject({ platform: z.literal('web-voice'), ...fields, metadata: z.looseObject({}) }),
    z.looseObject({
      platform: anyStringExcept(['twilio', 'web-voice']),
      ...fields,
      metadata: z.looseObject({}),
    }),
  ]);

const envelope = (type, data) =>
  z.looseObject({ type: z.literal(type), data, time: z.number(), resource: z.string() });

const actor = z.looseObject({ type: z.string(), userEmail: z.string() });
const organizationProject = {
  organizationID: z.string(),
  projectID: z.string(),
  workspaceID: z.string(),
};
const undocumentedOrganizationData = z.looseObject({
  organizationID: nullish(z.string()),
  projectID: nullish(z.string()),
  workspaceID: nullish(z.string()),
});

const known = [
  envelope('runtime.call.start', callData(callStartFields)),
  envelope('runtime.call.end', callData(callEndFields)),
  envelope(
    'runtime.session.start',
    z.looseObject({ ...projectIdentity, sessionID: z.string(), ...versionFields }),
  ),
  envelope(
    'runtime.session.end',
    z.looseObject({
      ...projectIdentity,
      sessionID: z.string(),
      endTime: z.number(),
      endReason: nullish(z.string()),
      ...versionFields,
    }),
  ),
  envelope(
    'organization.project.created',
    z.looseObject({ createdBy: actor, ...organizationProject }),
  ),
  envelope(
    'organization.project.deleted',
    z.looseObject({ deletedBy: actor, ...organizationProject }),
  ),
  envelope(
    'organization.project.published',
    z.looseObject({
      publishedBy: actor,
      ...organizationProject,
      publishedFromEnvironment: z.unknown().optional(),
      publishedToEnvironment: z.unknown().optional(),
      versionID: z.string(),
    }),
  ),
  ...[
    'organization.project.environment.created',
    'organization.project.environment.published',
    'organization.project.environment.merged',
    'organization.project.environment.deleted',
  ].map((type) => envelope(type, undocumentedOrganizationData)),
];

const knownTypes = known.map((schema) => schema.shape.type.value);

/** Any event: a known type checked against its schema, any other string type passed through. */
export const ZodEventSchema = z.union([
  z.discriminatedUnion('type', known),
  z.looseObject({ type: anyStringExcept(knownTypes) }),
]);
