import type {
  CallEndEvent,
  CallStartEvent,
  EventOf,
  EventType,
  KnownEvent,
  OrganizationEvent,
  Platform,
  SessionEndEvent,
  SessionStartEvent,
} from '../core/index';
import { type DeepPartial, deepMerge } from './merge';
import { characters, hex, integer, pick, type Random, randomFrom } from './random';

/** Options shared by every factory. */
export interface FactoryOptions<P extends Platform = Platform> {
  /**
   * Seed of the generator: the same seed gives the same event, field for field, on every run
   * and runtime. Default: a fresh random seed, and times around now.
   */
  seed?: number | undefined;
  /**
   * Platform of call events, which decides `data.metadata`: `'twilio'` (the default) gets a
   * Call SID, a call type and two E.164 numbers; any other platform gets `{}`, as Voiceflow
   * sends for `'web-voice'`. Session and organization events ignore it.
   */
  platform?: P | undefined;
}

/** The `organization.*` event types. */
export type OrganizationEventType = OrganizationEvent['type'];

/** A start event and the end event of the same call or session. */
export interface EventPair<S, E> {
  readonly start: S;
  readonly end: E;
}

/** Overrides for each event of a pair. */
export interface PairOverrides<S, E> {
  start?: DeepPartial<S> | undefined;
  end?: DeepPartial<E> | undefined;
}

/** Everything the events of one conversation share, drawn once so that they agree. */
interface Conversation {
  readonly random: Random;
  readonly projectID: string;
  readonly environmentID: string;
  readonly projectEnvironmentID: string;
  readonly versionVariant: 'draft' | 'published';
  readonly sessionID: string;
  readonly platform: string;
  readonly userID: string;
  readonly metadata: Record<string, unknown>;
  readonly startTime: number;
  readonly endTime: number;
}

/** Times fixed by the caller's overrides, which the generated times must stay consistent with. */
interface Anchors {
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
}

const SEEDED_EPOCH = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ORGANIZATION_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CALL_END_REASONS = ['hangup', 'end trace', 'twiml', 'answering machine'] as const;
const SESSION_END_REASONS = [
  'Session ended due to inactivity timeout',
  'Session expired because a new one was started',
] as const;
const ACTORS = ['ada', 'grace', 'linus', 'margaret', 'alan'] as const;

/** A North American E.164 number; area code and exchange never start with 0 or 1. */
function phoneNumber(random: Random): string {
  const block = (): string => `${integer(random, 2, 9)}${characters(random, '0123456789', 2)}`;
  return `+1${block()}${block()}${characters(random, '0123456789', 4)}`;
}

function callerOn(random: Random, platform: string): Pick<Conversation, 'userID' | 'metadata'> {
  if (platform !== 'twilio') return { userID: characters(random, ID_ALPHABET, 24), metadata: {} };
  const userNumber = phoneNumber(random);
  const metadata = {
    callSid: `CA${hex(random, 32)}`,
    callType: pick(random, ['inbound', 'outbound']),
    userNumber,
    agentNumber: phoneNumber(random),
  };
  return { userID: userNumber, metadata };
}

function numberAt(value: unknown, key: string): number | undefined {
  const field = (value as Record<string, unknown> | undefined)?.[key];
  return typeof field === 'number' ? field : undefined;
}

function anchorsOf(...overrides: unknown[]): Anchors {
  const datas = overrides.map((override) => (override as { data?: unknown } | undefined)?.data);
  return {
    startTime: datas.map((data) => numberAt(data, 'startTime')).find((time) => time !== undefined),
    endTime: datas.map((data) => numberAt(data, 'endTime')).find((time) => time !== undefined),
  };
}

function startConversation(options: FactoryOptions | undefined, anchors: Anchors): Conversation {
  const random = randomFrom(options?.seed);
  const platform = options?.platform ?? 'twilio';
  const duration = integer(random, 5_000, 900_000);
  const clock =
    options?.seed === undefined ? Date.now() : SEEDED_EPOCH + integer(random, 0, YEAR_MS);
  const startTime = anchors.startTime ?? (anchors.endTime ?? clock) - duration;
  return {
    random,
    projectID: hex(random, 24),
    environmentID: hex(random, 24),
    projectEnvironmentID: hex(random, 24),
    versionVariant: pick(random, ['published', 'draft']),
    sessionID: hex(random, 24),
    platform,
    ...callerOn(random, platform),
    startTime,
    endTime: anchors.endTime ?? startTime + duration,
  };
}

/** Delivery happens a few dozen milliseconds after the moment an event describes. */
function deliveredAfter(conversation: Conversation, moment: number): number {
  return moment + integer(conversation.random, 20, 150);
}

function versionFields(conversation: Conversation): Record<string, unknown> {
  return {
    versionID: conversation.environmentID,
    transcriptID: conversation.sessionID,
    versionVariant: conversation.versionVariant,
    projectEnvironmentID: conversation.projectEnvironmentID,
    projectEnvironmentAlias:
      conversation.versionVariant === 'published' ? 'production' : 'development',
  };
}

/** A project event, its data laid out in the order Voiceflow sends the fields. */
function runtimeEvent(
  type: string,
  conversation: Conversation,
  parts: { call: boolean; endReasons?: readonly [string, ...string[]] },
): KnownEvent {
  const { userID, environmentID, projectID, startTime, endTime } = conversation;
  const end = parts.endReasons && {
    endTime,
    endReason: pick(conversation.random, parts.endReasons),
  };
  const data = {
    userID,
    environmentID,
    projectID,
    startTime,
    ...end,
    ...(parts.call && { platform: conversation.platform, metadata: conversation.metadata }),
    sessionID: conversation.sessionID,
    ...versionFields(conversation),
  };
  const time = deliveredAfter(conversation, end ? endTime : startTime);
  return { type, data, time, resource: `project-${projectID}` } as KnownEvent;
}

function organizationEvent(type: OrganizationEventType, conversation: Conversation): KnownEvent {
  const { random, projectID } = conversation;
  const organizationID = characters(random, ORGANIZATION_ID_ALPHABET, 10);
  const place = {
    organizationID,
    projectID,
    workspaceID: characters(random, ORGANIZATION_ID_ALPHABET, 10),
  };
  const actor = { type: 'user', userEmail: `${pick(random, ACTORS)}@example.com` };
  const details: Record<OrganizationEventType, Record<string, unknown>> = {
    'organization.project.created': { createdBy: actor, ...place },
    'organization.project.deleted': { deletedBy: actor, ...place },
    'organization.project.published': {
      publishedBy: actor,
      ...place,
      publishedFromEnvironment: conversation.environmentID,
      publishedToEnvironment: conversation.projectEnvironmentID,
      versionID: hex(random, 24),
    },
    'organization.project.environment.created': { ...place, environmentID: hex(random, 24) },
    'organization.project.environment.published': { ...place, environmentID: hex(random, 24) },
    'organization.project.environment.merged': { ...place, environmentID: hex(random, 24) },
    'organization.project.environment.deleted': { ...place, environmentID: hex(random, 24) },
  };
  return {
    type,
    data: details[type],
    time: deliveredAfter(conversation, conversation.startTime),
    resource: `organization-${organizationID}`,
  } as KnownEvent;
}

const BUILDERS: Record<EventType, (conversation: Conversation) => KnownEvent> = {
  'runtime.call.start': (c) => runtimeEvent('runtime.call.start', c, { call: true }),
  'runtime.call.end': (c) =>
    runtimeEvent('runtime.call.end', c, { call: true, endReasons: CALL_END_REASONS }),
  'runtime.session.start': (c) => runtimeEvent('runtime.session.start', c, { call: false }),
  'runtime.session.end': (c) =>
    runtimeEvent('runtime.session.end', c, { call: false, endReasons: SESSION_END_REASONS }),
  'organization.project.created': (c) => organizationEvent('organization.project.created', c),
  'organization.project.deleted': (c) => organizationEvent('organization.project.deleted', c),
  'organization.project.published': (c) => organizationEvent('organization.project.published', c),
  'organization.project.environment.created': (c) =>
    organizationEvent('organization.project.environment.created', c),
  'organization.project.environment.published': (c) =>
    organizationEvent('organization.project.environment.published', c),
  'organization.project.environment.merged': (c) =>
    organizationEvent('organization.project.environment.merged', c),
  'organization.project.environment.deleted': (c) =>
    organizationEvent('organization.project.environment.deleted', c),
};

/**
 * A realistic event of any known type, valid for `parseEvent`, with `overrides` merged in.
 * Ids, numbers and times are consistent: `resource` names the project, `time` follows the
 * moment the event describes, an end follows its start.
 *
 * @example
 * ```ts
 * import { createEvent } from 'voiceflow-webhooks/testing';
 *
 * const event = createEvent('runtime.session.end', { data: { endReason: 'hangup' } }, { seed: 7 });
 * ```
 */
export function createEvent<T extends EventType>(
  type: T,
  overrides?: DeepPartial<EventOf<T>>,
  options?: FactoryOptions,
): EventOf<T> {
  const conversation = startConversation(options, anchorsOf(overrides));
  return deepMerge(BUILDERS[type](conversation), overrides) as EventOf<T>;
}

/** The call events on platform `P`, by type. */
interface CallEventsOn<P extends Platform> {
  'runtime.call.start': CallStartEvent<P>;
  'runtime.call.end': CallEndEvent<P>;
}

/**
 * A factory of call events of type `T`. Its result is typed by `options.platform` (Twilio by
 * default), so `data.metadata` is `TwilioMetadata` unless another platform is asked for.
 */
export type CallEventFactory<T extends keyof CallEventsOn<Platform>> = <
  P extends Platform = 'twilio',
>(
  overrides?: DeepPartial<EventOf<T>>,
  options?: FactoryOptions<P>,
) => CallEventsOn<P>[T];

function callEventFactory<T extends keyof CallEventsOn<Platform>>(type: T): CallEventFactory<T> {
  return <P extends Platform>(overrides?: DeepPartial<EventOf<T>>, options?: FactoryOptions<P>) =>
    createEvent<T>(type, overrides, options) as CallEventsOn<P>[T];
}

/**
 * A `runtime.call.start` event. `options.platform` picks the metadata (Twilio by default).
 *
 * @example
 * ```ts
 * import { createCallStartEvent } from 'voiceflow-webhooks/testing';
 *
 * const event = createCallStartEvent({ data: { metadata: { callType: 'outbound' } } }, { seed: 1 });
 * ```
 */
export const createCallStartEvent: CallEventFactory<'runtime.call.start'> =
  /* @__PURE__ */ callEventFactory('runtime.call.start');

/** A `runtime.call.end` event; see {@link createCallStartEvent}. */
export const createCallEndEvent: CallEventFactory<'runtime.call.end'> =
  /* @__PURE__ */ callEventFactory('runtime.call.end');

/** A `runtime.session.start` event. */
export function createSessionStartEvent(
  overrides?: DeepPartial<SessionStartEvent>,
  options?: FactoryOptions,
): SessionStartEvent {
  return createEvent<'runtime.session.start'>('runtime.session.start', overrides, options);
}

/** A `runtime.session.end` event. */
export function createSessionEndEvent(
  overrides?: DeepPartial<SessionEndEvent>,
  options?: FactoryOptions,
): SessionEndEvent {
  return createEvent<'runtime.session.end'>('runtime.session.end', overrides, options);
}

/**
 * An `organization.*` event of the given type, as the organization webhook sends it.
 *
 * @example
 * ```ts
 * const event = createOrganizationEvent('organization.project.created', {
 *   data: { createdBy: { userEmail: 'dev@example.com' } },
 * });
 * ```
 */
export function createOrganizationEvent<T extends OrganizationEventType>(
  type: T,
  overrides?: DeepPartial<EventOf<T>>,
  options?: FactoryOptions,
): EventOf<T> {
  return createEvent<T>(type, overrides, options);
}

function createPair<S extends EventType, E extends EventType>(
  types: [S, E],
  overrides: PairOverrides<EventOf<S>, EventOf<E>> | undefined,
  options: FactoryOptions | undefined,
): EventPair<EventOf<S>, EventOf<E>> {
  const conversation = startConversation(options, anchorsOf(overrides?.start, overrides?.end));
  return {
    start: deepMerge(BUILDERS[types[0]](conversation), overrides?.start) as EventOf<S>,
    end: deepMerge(BUILDERS[types[1]](conversation), overrides?.end) as EventOf<E>,
  };
}

/**
 * The start and end events of one call: same Call SID (so the same `callKey`), same session
 * and start time, the end after the start.
 *
 * @example
 * ```ts
 * import { callDuration } from 'voiceflow-webhooks';
 * import { createCallPair } from 'voiceflow-webhooks/testing';
 *
 * const { start, end } = createCallPair({}, { platform: 'web-voice', seed: 3 });
 * console.log(callDuration(end));
 * ```
 */
export function createCallPair<P extends Platform = 'twilio'>(
  overrides?: PairOverrides<CallStartEvent, CallEndEvent>,
  options?: FactoryOptions<P>,
): EventPair<CallStartEvent<P>, CallEndEvent<P>> {
  return createPair(
    ['runtime.call.start', 'runtime.call.end'],
    overrides as PairOverrides<CallStartEvent, CallEndEvent>,
    options,
  ) as EventPair<CallStartEvent<P>, CallEndEvent<P>>;
}

/** The start and end events of one session: same ids and start time, the end after the start. */
export function createSessionPair(
  overrides?: PairOverrides<SessionStartEvent, SessionEndEvent>,
  options?: FactoryOptions,
): EventPair<SessionStartEvent, SessionEndEvent> {
  return createPair(['runtime.session.start', 'runtime.session.end'], overrides, options);
}
