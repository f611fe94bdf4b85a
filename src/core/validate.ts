/**
 * The fast validator: reads only the declared fields (hand-written checks first, then the
 * declared fields of `./shapes` to name the issues), allocates nothing on success, and never
 * looks at undeclared fields, so input size and nesting of extra data cost nothing and cannot
 * overflow the stack. Its verdicts and issue paths match valibot's on the
 * schemas in `./schemas` (proved by the differential test in `test/core`).
 */
import type { Issue } from './errors';
import { EVENT_SHAPES, type FieldRule, type ObjectShape } from './shapes';
import type { EventType } from './types';

/** A non-empty list of issues. */
export type Issues = [Issue, ...Issue[]];

/** How a value is named in messages: JSON type names, plus `array` and `NaN`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

const article = (kind: string): string => (kind === 'object' ? 'an object' : `a ${kind}`);

function fieldIssue(path: string, kind: string, value: unknown, present: boolean): Issue {
  return present
    ? { path, message: `Expected ${article(kind)} at ${path}, received ${describeValue(value)}` }
    : { path, message: `Missing required field ${path} (expected ${article(kind)})` };
}

type Fields = Record<string, unknown>;

/** A JSON object (not null, not an array), a non-NaN number, a string or nothing. */
export const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): boolean => typeof value === 'number' && !Number.isNaN(value);
const isNullableString = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';

function hasKind(value: unknown, kind: FieldRule['kind']): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return isNumber(value);
    case 'object':
      return isFields(value);
    default:
      return true;
  }
}

function selectCase(
  record: Record<string, unknown>,
  shape: ObjectShape,
  prefix: string,
  issues: Issue[],
): ObjectShape | undefined {
  const variant = shape.variant;
  if (variant === undefined) return shape;
  const discriminator = record[variant.key];
  if (typeof discriminator !== 'string') {
    issues.push(fieldIssue(prefix + variant.key, 'string', discriminator, variant.key in record));
    return undefined;
  }
  return Object.hasOwn(variant.cases, discriminator)
    ? variant.cases[discriminator]
    : variant.fallback;
}

/** Appends to `issues` every way `record` departs from `shape`, in declaration order. */
function checkObject(
  record: Record<string, unknown>,
  shape: ObjectShape,
  prefix: string,
  issues: Issue[],
): void {
  const selected = selectCase(record, shape, prefix, issues);
  if (selected === undefined) return;
  for (const field of selected.fields) {
    const value = record[field.key];
    if (field.optional && (value === undefined || value === null)) continue;
    if (!hasKind(value, field.kind)) {
      const present = value !== undefined || field.key in record;
      issues.push(fieldIssue(prefix + field.key, field.kind, value, present));
    } else if (field.shape !== undefined) {
      checkObject(value as Record<string, unknown>, field.shape, `${prefix}${field.key}.`, issues);
    }
  }
}

/*
 * The hot path. A loop over `./shapes` reads each field by a key held in a variable, a lookup
 * the engine cannot cache, which made the guards several times slower than the `typeof` checks
 * a user would write. The predicates below are those checks, with every property name written
 * out. They only answer yes or no: on a no, `checkObject` walks the shapes for the issues, so
 * messages and paths have one source. The differential test holds both to the valibot schemas.
 */

const hasProjectIdentity = (data: Fields): boolean =>
  typeof data.userID === 'string' &&
  typeof data.projectID === 'string' &&
  typeof data.environmentID === 'string' &&
  isNumber(data.startTime);

const hasVersionFields = (data: Fields): boolean =>
  isNullableString(data.versionID) &&
  isNullableString(data.transcriptID) &&
  isNullableString(data.versionVariant) &&
  isNullableString(data.projectEnvironmentID) &&
  isNullableString(data.projectEnvironmentAlias);

const hasEndFields = (data: Fields): boolean =>
  isNumber(data.endTime) && isNullableString(data.endReason);

const isTwilioMetadata = (metadata: Fields): boolean =>
  typeof metadata.callSid === 'string' &&
  typeof metadata.callType === 'string' &&
  typeof metadata.userNumber === 'string' &&
  typeof metadata.agentNumber === 'string';

/** Call data: only `twilio` documents metadata fields; every other platform needs an object. */
function hasCallFields(data: Fields): boolean {
  const { platform, metadata } = data;
  return (
    typeof platform === 'string' &&
    hasProjectIdentity(data) &&
    isNullableString(data.sessionID) &&
    hasVersionFields(data) &&
    isFields(metadata) &&
    (platform !== 'twilio' || isTwilioMetadata(metadata))
  );
}

const hasSessionFields = (data: Fields): boolean =>
  hasProjectIdentity(data) && typeof data.sessionID === 'string' && hasVersionFields(data);

const isActor = (actor: unknown): boolean =>
  isFields(actor) && typeof actor.type === 'string' && typeof actor.userEmail === 'string';

const hasOrganizationProject = (data: Fields): boolean =>
  typeof data.organizationID === 'string' &&
  typeof data.projectID === 'string' &&
  typeof data.workspaceID === 'string';

const hasEnvironmentFields = (data: Fields): boolean =>
  isNullableString(data.organizationID) &&
  isNullableString(data.projectID) &&
  isNullableString(data.workspaceID);

const isCallEndData = (data: Fields): boolean => hasCallFields(data) && hasEndFields(data);
const isSessionEndData = (data: Fields): boolean => hasSessionFields(data) && hasEndFields(data);
const isProjectCreatedData = (data: Fields): boolean =>
  isActor(data.createdBy) && hasOrganizationProject(data);
const isProjectDeletedData = (data: Fields): boolean =>
  isActor(data.deletedBy) && hasOrganizationProject(data);
const isProjectPublishedData = (data: Fields): boolean =>
  isActor(data.publishedBy) && hasOrganizationProject(data) && typeof data.versionID === 'string';

/** The fields every event shares besides `type`. */
interface Envelope extends Fields {
  readonly data: Fields;
}

const hasEnvelope = (event: Fields): event is Envelope =>
  isFields(event.data) && isNumber(event.time) && typeof event.resource === 'string';

/**
 * Whether `event` is valid as an event of its `type`; `undefined` when no schema knows `type`.
 * A switch compares the parsed string with the known ones directly; a property lookup by it
 * (`Object.hasOwn`, `in`, a map) would first intern it, which costs more than the validation.
 */
function validity(event: Fields, type: string): boolean | undefined {
  switch (type) {
    case 'runtime.call.start':
      return hasEnvelope(event) && hasCallFields(event.data);
    case 'runtime.call.end':
      return hasEnvelope(event) && isCallEndData(event.data);
    case 'runtime.session.start':
      return hasEnvelope(event) && hasSessionFields(event.data);
    case 'runtime.session.end':
      return hasEnvelope(event) && isSessionEndData(event.data);
    case 'organization.project.created':
      return hasEnvelope(event) && isProjectCreatedData(event.data);
    case 'organization.project.deleted':
      return hasEnvelope(event) && isProjectDeletedData(event.data);
    case 'organization.project.published':
      return hasEnvelope(event) && isProjectPublishedData(event.data);
    case 'organization.project.environment.created':
    case 'organization.project.environment.published':
    case 'organization.project.environment.merged':
    case 'organization.project.environment.deleted':
      return hasEnvelope(event) && hasEnvironmentFields(event.data);
    default:
      return undefined;
  }
}

/** The issues of an event the hot path refused, named by walking the shapes. */
function collectIssues(record: Fields, type: EventType): Issues | undefined {
  const issues: Issue[] = [];
  checkObject(record, EVENT_SHAPES[type], '', issues);
  return issues.length === 0 ? undefined : (issues as Issues);
}

/** The issues of `value` as an event of the known `type`, or `undefined` when it is one. */
export function knownEventIssues(value: unknown, type: EventType): Issues | undefined {
  if (!isFields(value)) return [notAnEvent(value)];
  if (value.type !== type) {
    const received = typeof value.type === 'string' ? `"${value.type}"` : describeValue(value.type);
    return [{ path: 'type', message: `Expected type "${type}", received ${received}` }];
  }
  return validity(value, type) ? undefined : collectIssues(value, type);
}

/**
 * Whether `value` is a valid event of the known `type`: the verdict of {@link knownEventIssues}
 * without naming the issues, so that a guard answering no allocates nothing (call-event guards
 * ask "start?" before "end?", and a message per refusal tripled their cost).
 */
export function isValidEventOf(value: unknown, type: EventType): boolean {
  try {
    return isFields(value) && value.type === type && validity(value, type) === true;
  } catch {
    // A value whose reading throws (a proxy, a getter) is not an event; parseEvent says so too.
    return false;
  }
}

/** Whether `value` is a valid event of a known type, without naming issues or interning `type`. */
export function isValidKnownEvent(value: unknown): boolean {
  try {
    return (
      isFields(value) && typeof value.type === 'string' && validity(value, value.type) === true
    );
  } catch {
    // A value whose reading throws (a proxy, a getter) is not an event; parseEvent says so too.
    return false;
  }
}

/**
 * The issues of `value` as any event, or `undefined` when it is one: an object whose `type` is
 * a string, valid against its schema when the type is known.
 */
export function eventIssues(value: unknown): Issues | undefined {
  if (!isFields(value)) return [notAnEvent(value)];
  const type = value.type;
  if (typeof type !== 'string') {
    return [fieldIssue('type', 'string', type, type !== undefined || 'type' in value)];
  }
  return validity(value, type) === false ? collectIssues(value, type as EventType) : undefined;
}

function notAnEvent(value: unknown): Issue {
  return { path: '', message: `Expected an event object, received ${describeValue(value)}` };
}
