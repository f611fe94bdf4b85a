/**
 * Test helpers for code that receives Voiceflow webhooks: realistic event factories, the
 * repository's fixtures, and `signPayload` to sign bodies the way Voiceflow's sender does.
 *
 * @example
 * ```ts
 * import { createCallPair, fixtures, signPayload } from 'voiceflow-webhooks/testing';
 *
 * const { start, end } = createCallPair({}, { seed: 42 });
 * const body = JSON.stringify(end);
 * const headers = await signPayload({ payload: body, secret: process.env.VOICEFLOW_SECRET! });
 * ```
 *
 * @packageDocumentation
 */

export { type SignPayloadOptions, signPayload } from '../signature/index';
export {
  type CallEventFactory,
  createCallEndEvent,
  createCallPair,
  createCallStartEvent,
  createEvent,
  createOrganizationEvent,
  createSessionEndEvent,
  createSessionPair,
  createSessionStartEvent,
  type EventPair,
  type FactoryOptions,
  type OrganizationEventType,
  type PairOverrides,
} from './factories';
export { type Fixtures, fixtures } from './fixtures';
export type { DeepPartial } from './merge';
