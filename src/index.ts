/**
 * voiceflow-webhooks: typed, tolerant parsing of Voiceflow webhook events, guards, helpers,
 * routing, signature verification and the framework-neutral request handler. Framework
 * adapters live in the subpath exports (`voiceflow-webhooks/web`, `/next`, `/hono`, `/express`,
 * `/node`).
 *
 * @packageDocumentation
 */
export * from './core/index';
export * from './http/index';
export {
  type IncomingHeaders,
  isWebhookSignatureError,
  type SignatureFailureReason,
  type SignatureHeaders,
  type VerifySignatureOptions,
  verifySignature,
  WebhookSignatureError,
} from './signature/index';
