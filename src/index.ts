/**
 * voiceflow-webhooks: typed, tolerant parsing of Voiceflow webhook events, guards, helpers,
 * routing and signature verification. Framework adapters live in the subpath exports
 * (`voiceflow-webhooks/web`, `/next`, `/hono`, `/express`, `/node`).
 *
 * @packageDocumentation
 */
export * from './core/index';
export {
  type IncomingHeaders,
  isWebhookSignatureError,
  type SignatureFailureReason,
  type SignatureHeaders,
  type VerifySignatureOptions,
  verifySignature,
  WebhookSignatureError,
} from './signature/index';
