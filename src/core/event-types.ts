import type { EventType } from './types';

/**
 * Every event type this package validates. A type test holds this list equal to the schemas'.
 *
 * @example
 * ```ts
 * import { EVENT_TYPES } from 'voiceflow-webhooks';
 *
 * const subscribed = EVENT_TYPES.filter((type) => type.startsWith('runtime.call.'));
 * ```
 */
export const EVENT_TYPES = [
  'runtime.call.start',
  'runtime.call.end',
  'runtime.session.start',
  'runtime.session.end',
  'organization.project.created',
  'organization.project.deleted',
  'organization.project.published',
  'organization.project.environment.created',
  'organization.project.environment.published',
  'organization.project.environment.merged',
  'organization.project.environment.deleted',
] as const satisfies readonly EventType[];

/** Whether `type` is one of {@link EVENT_TYPES}. */
export function isEventType(type: unknown): type is EventType {
  // Comparing with eleven strings is cheaper than a property lookup, which would first intern a
  // freshly parsed string.
  return typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type);
}
