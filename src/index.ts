/**
 * voiceflow-webhooks: typed, tolerant parsing of Voiceflow webhook events, guards, helpers,
 * routing and signature verification. Request handling lives in the subpath exports
 * (`voiceflow-webhooks/web`, `/next`, `/hono`, `/express`, `/node`), which keeps this entry
 * small for code that only parses; its types are exported here too.
 *
 * @packageDocumentation
 */
export * from './core/index';
export type {
  BodyReader,
  FetchWebhookHandler,
  IdempotencyClaim,
  IdempotencyStore,
  MemoryIdempotencyStoreOptions,
  VoiceflowWebhookOptions,
  WebhookBody,
  WebhookContext,
  WebhookErrorCode,
  WebhookHandler,
  WebhookRequest,
  WebhookRequestError,
  WebhookResponse,
} from './http/index';
export {
  type IncomingHeaders,
  isWebhookSignatureError,
  type SignatureFailureReason,
  type SignatureHeaders,
  type VerifySignatureOptions,
  verifySignature,
  WebhookSignatureError,
} from './signature/index';
