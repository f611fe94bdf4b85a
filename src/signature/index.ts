export type { SignatureFailureReason } from './errors';
export { isWebhookSignatureError, WebhookSignatureError } from './errors';
export type { IncomingHeaders, SignatureHeaders } from './headers';
export { readSignatureHeaders, webhookIdFromHeaders } from './headers';
export type { SignPayloadOptions } from './sign';
export { signPayload } from './sign';
export type { VerifySignatureOptions } from './verify';
export { verifySignature } from './verify';
