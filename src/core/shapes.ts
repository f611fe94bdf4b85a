/**
 * The runtime description of each known event, read by the fast validator in `./validate`.
 *
 * It restates `./schemas` in a form that costs nothing to load and little to walk. It is not a
 * second source of truth: `shapes.test.ts` derives this same structure from the valibot schemas
 * and fails on any difference, and a differential property test runs both on the same inputs.
 */
import type { EventType } from './types';

/** The JSON type a field must have. `any` accepts every value, including a missing one. */
export type FieldKind = 'string' | 'number' | 'object' | 'any';

/** One declared field: its key, its kind, whether it may be absent or null, and nested shape. */
export interface FieldRule {
  readonly key: string;
  readonly kind: FieldKind;
  readonly optional: boolean;
  readonly shape?: ObjectShape;
}

/** An object's declared fields, or a choice of field lists keyed by one discriminating field. */
export interface ObjectShape {
  readonly fields: readonly FieldRule[];
  readonly variant?: {
    readonly key: string;
    readonly cases: Readonly<Record<string, ObjectShape>>;
    readonly fallback: ObjectShape;
  };
}

const required = (key: string, kind: FieldKind, shape?: ObjectShape): FieldRule =>
  shape ? { key, kind, optional: false, shape } : { key, kind, optional: false };
const nullable = (key: string, kind: FieldKind): FieldRule => ({ key, kind, optional: true });
const object = (...fields: FieldRule[]): ObjectShape => ({ fields });

const projectIdentity = [
  required('userID', 'string'),
  required('projectID', 'string'),
  required('environmentID', 'string'),
  required('startTime', 'number'),
];
const versionFields = [
  nullable('versionID', 'string'),
  nullable('transcriptID', 'string'),
  nullable('versionVariant', 'string'),
  nullable('projectEnvironmentID', 'string'),
  nullable('projectEnvironmentAlias', 'string'),
];
const endFields = [required('endTime', 'number'), nullable('endReason', 'string')];

const twilioMetadata = object(
  required('callSid', 'string'),
  required('callType', 'string'),
  required('userNumber', 'string'),
  required('agentNumber', 'string'),
);

function callData(fields: FieldRule[]): ObjectShape {
  const withMetadata = (metadata: ObjectShape): ObjectShape =>
    object(required('platform', 'string'), ...fields, required('metadata', 'object', metadata));
  return {
    fields: [],
    variant: {
      key: 'platform',
      cases: { twilio: withMetadata(twilioMetadata), 'web-voice': withMetadata(object()) },
      fallback: withMetadata(object()),
    },
  };
}

function envelope(data: ObjectShape): ObjectShape {
  return object(
    required('type', 'string'),
    required('data', 'object', data),
    required('time', 'number'),
    required('resource', 'string'),
  );
}

const actor = object(required('type', 'string'), required('userEmail', 'string'));
const organizationProject = [
  required('organizationID', 'string'),
  required('projectID', 'string'),
  required('workspaceID', 'string'),
];
const undocumentedOrganizationData = object(
  nullable('organizationID', 'string'),
  nullable('projectID', 'string'),
  nullable('workspaceID', 'string'),
);

/** The shape of every known event, keyed by `type`. */
export const EVENT_SHAPES: Readonly<Record<EventType, ObjectShape>> = {
  'runtime.call.start': envelope(
    callData([...projectIdentity, nullable('sessionID', 'string'), ...versionFields]),
  ),
  'runtime.call.end': envelope(
    callData([...projectIdentity, ...endFields, nullable('sessionID', 'string'), ...versionFields]),
  ),
  'runtime.session.start': envelope(
    object(...projectIdentity, required('sessionID', 'string'), ...versionFields),
  ),
  'runtime.session.end': envelope(
    object(...projectIdentity, required('sessionID', 'string'), ...endFields, ...versionFields),
  ),
  'organization.project.created': envelope(
    object(required('createdBy', 'object', actor), ...organizationProject),
  ),
  'organization.project.deleted': envelope(
    object(required('deletedBy', 'object', actor), ...organizationProject),
  ),
  'organization.project.published': envelope(
    object(
      required('publishedBy', 'object', actor),
      ...organizationProject,
      nullable('publishedFromEnvironment', 'any'),
      nullable('publishedToEnvironment', 'any'),
      required('versionID', 'string'),
    ),
  ),
  'organization.project.environment.created': envelope(undocumentedOrganizationData),
  'organization.project.environment.published': envelope(undocumentedOrganizationData),
  'organization.project.environment.merged': envelope(undocumentedOrganizationData),
  'organization.project.environment.deleted': envelope(undocumentedOrganizationData),
};
