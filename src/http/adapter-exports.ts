/**
 * What every adapter entry exports besides `voiceflowWebhook`: the types a user may need to name,
 * and the error class `onError` receives (a real export, so `instanceof` works from any entry).
 */
export { type WebhookErrorCode, WebhookRequestError } from './errors';
export type { IdempotencyClaim, IdempotencyStore } from './idempotency';
export type { VoiceflowWebhookOptions, WebhookContext } from './options';
