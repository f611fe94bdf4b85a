/**
 * What a careful user would write instead of the guards: plain `typeof` checks of the same
 * fields with the same rules (objects exclude arrays; numbers exclude NaN; optional fields may be
 * absent or null; Twilio calls need their metadata fields). The bench first checks that each one
 * gives the same verdict as its guard on every fixture, so the comparison is like for like.
 */
import { EVENT_TYPES } from '../dist/runtime-node/index.js';

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value) => typeof value === 'number' && !Number.isNaN(value);
const isOptionalString = (value) =>
  value === undefined || value === null || typeof value === 'string';

const hasEnvelope = (event, type) =>
  isObject(event) &&
  event.type === type &&
  isObject(event.data) &&
  isNumber(event.time) &&
  typeof event.resource === 'string';

const hasProjectIdentity = (data) =>
  typeof data.userID === 'string' &&
  typeof data.projectID === 'string' &&
  typeof data.environmentID === 'string' &&
  isNumber(data.startTime);

const hasVersionFields = (data) =>
  isOptionalString(data.versionID) &&
  isOptionalString(data.transcriptID) &&
  isOptionalString(data.versionVariant) &&
  isOptionalString(data.projectEnvironmentID) &&
  isOptionalString(data.projectEnvironmentAlias);

const hasEndFields = (data) => isNumber(data.endTime) && isOptionalString(data.endReason);

function hasCallFields(data) {
  const metadata = data.metadata;
  if (typeof data.platform !== 'string' || !isObject(metadata)) return false;
  if (!hasProjectIdentity(data) || !isOptionalString(data.sessionID) || !hasVersionFields(data)) {
    return false;
  }
  return (
    data.platform !== 'twilio' ||
    (typeof metadata.callSid === 'string' &&
      typeof metadata.callType === 'string' &&
      typeof metadata.userNumber === 'string' &&
      typeof metadata.agentNumber === 'string')
  );
}

const hasSessionFields = (data) =>
  hasProjectIdentity(data) && typeof data.sessionID === 'string' && hasVersionFields(data);

const isActor = (actor) =>
  isObject(actor) && typeof actor.type === 'string' && typeof actor.userEmail === 'string';

const hasOrganizationProject = (data) =>
  typeof data.organizationID === 'string' &&
  typeof data.projectID === 'string' &&
  typeof data.workspaceID === 'string';

export const isCallStart = (event) =>
  hasEnvelope(event, 'runtime.call.start') && hasCallFields(event.data);
export const isCallEnd = (event) =>
  hasEnvelope(event, 'runtime.call.end') && hasCallFields(event.data) && hasEndFields(event.data);
export const isSessionStart = (event) =>
  hasEnvelope(event, 'runtime.session.start') && hasSessionFields(event.data);
export const isSessionEnd = (event) =>
  hasEnvelope(event, 'runtime.session.end') &&
  hasSessionFields(event.data) &&
  hasEndFields(event.data);
export const isCallEvent = (event) => isCallStart(event) || isCallEnd(event);
export const isSessionEvent = (event) => isSessionStart(event) || isSessionEnd(event);
export const isTwilioCall = (event) => isCallEvent(event) && event.data.platform === 'twilio';
export const isWebVoiceCall = (event) => isCallEvent(event) && event.data.platform === 'web-voice';

const isProjectEvent = (event, type, actorKey) =>
  hasEnvelope(event, type) && isActor(event.data[actorKey]) && hasOrganizationProject(event.data);

const isEnvironmentEvent = (event, type) =>
  hasEnvelope(event, type) &&
  isOptionalString(event.data.organizationID) &&
  isOptionalString(event.data.projectID) &&
  isOptionalString(event.data.workspaceID);

export function isOrganizationEvent(event) {
  switch (isObject(event) ? event.type : undefined) {
    case 'organization.project.created':
      return isProjectEvent(event, event.type, 'createdBy');
    case 'organization.project.deleted':
      return isProjectEvent(event, event.type, 'deletedBy');
    case 'organization.project.published':
      return (
        isProjectEvent(event, event.type, 'publishedBy') && typeof event.data.versionID === 'string'
      );
    case 'organization.project.environment.created':
    case 'organization.project.environment.published':
    case 'organization.project.environment.merged':
    case 'organization.project.environment.deleted':
      return isEnvironmentEvent(event, event.type);
    default:
      return false;
  }
}

export const isKnownEvent = (event) =>
  isCallEvent(event) || isSessionEvent(event) || isOrganizationEvent(event);

const KNOWN_TYPES = new Set(EVENT_TYPES);

export const isUnknownEvent = (event) =>
  isObject(event) && typeof event.type === 'string' && !KNOWN_TYPES.has(event.type);
