import {
  callDuration,
  callParties,
  type Issue,
  isCallEnd,
  isCallEvent,
  isKnownEvent,
  isSessionEnd,
  isSessionEvent,
  type KnownEvent,
  type VoiceflowEvent,
} from '../core/index';
import type { Style } from './terminal';

/** One issue as `path  message`; the path of the body itself reads `(body)`. */
export function formatIssue(issue: Issue, style: Style): string {
  return `${style.bold(issue.path === '' ? '(body)' : issue.path)}  ${issue.message}`;
}

/** `46ms`, `9.6s`, `2m05s` or `1h02m`: precise for short spans, readable for long ones. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)}s`;
  const pad = (value: number): string => String(value).padStart(2, '0');
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m${pad(Math.floor((ms % 60_000) / 1_000))}s`;
  return `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

type Field = readonly [name: string, value: unknown];

function callFields(event: KnownEvent): Field[] {
  if (!isCallEvent(event)) return [];
  const metadata = event.data.metadata as Record<string, unknown>;
  const parties = callParties(event);
  return [
    ['platform', event.data.platform],
    ['callSid', metadata.callSid],
    ['callType', metadata.callType],
    ['from', parties?.from],
    ['to', parties?.to],
  ];
}

function endFields(event: KnownEvent): Field[] {
  if (!isCallEnd(event) && !isSessionEnd(event)) return [];
  return [
    ['duration', formatDuration(callDuration(event))],
    ['endReason', event.data.endReason],
  ];
}

function organizationFields(data: Record<string, unknown>): Field[] {
  const actor = [data.createdBy, data.deletedBy, data.publishedBy].find(
    (value) => typeof value === 'object' && value !== null,
  ) as { userEmail?: unknown } | undefined;
  return [
    ['organization', data.organizationID],
    ['workspace', data.workspaceID],
    ['environment', data.environmentID],
    ['by', actor?.userEmail],
  ];
}

function knownFields(event: KnownEvent): Field[] {
  const data = event.data as Record<string, unknown>;
  const ids: Field[] =
    isSessionEvent(event) || isCallEvent(event)
      ? [
          ['project', data.projectID],
          ['session', data.sessionID],
          ['user', data.userID],
        ]
      : [['project', data.projectID], ...organizationFields(data)];
  return [...callFields(event), ...ids, ...endFields(event)];
}

/** Writes a value so that it reads unambiguously in `name=value` form. */
function formatValue(value: unknown): string {
  return typeof value === 'string' && /^[\w+.:@-]+$/.test(value) ? value : JSON.stringify(value);
}

/**
 * The fields worth a glance, as `name=value` pairs: platform and parties of a call, the ids,
 * and the duration and reason of an end. Absent or null fields are left out.
 */
export function summarizeEvent(event: VoiceflowEvent): string {
  if (!isKnownEvent(event)) {
    const project = (event.data as { projectID?: unknown } | null | undefined)?.projectID;
    const note = 'unknown type, passed through untouched';
    return typeof project === 'string' ? `project=${formatValue(project)} (${note})` : `(${note})`;
  }
  return knownFields(event)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(' ');
}
