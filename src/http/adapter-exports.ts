/**
 * What every adapter entry exports besides `voiceflowWebhook`: the types a user may need to name,
 * the error class `onError` receives (a real export, so `instanceof` works from any entry), and
 * the in-memory idempotency store.
 */
export { type WebhookErrorCode, WebhookRequestError } from './errors';
export {
  createMemoryIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency';
export type { VoiceflowWebhookOptions, WebhookContext } from './options';
