export type { BodyReader, WebhookBody } from './body';
export { type WebhookErrorCode, WebhookRequestError } from './errors';
export { createFetchWebhookHandler, type FetchWebhookHandler } from './fetch';
export {
  createWebhookHandler,
  type WebhookHandler,
  type WebhookRequest,
  type WebhookResponse,
} from './handler';
export {
  createMemoryIdempotencyStore,
  type IdempotencyClaim,
  type IdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency';
export type { VoiceflowWebhookOptions, WebhookContext } from './options';
