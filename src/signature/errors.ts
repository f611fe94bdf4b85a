/**
 * Why a webhook signature was refused.
 *
 * - `missing_headers`: the id, timestamp or signature header is absent or empty.
 * - `invalid_timestamp`: the timestamp header is not a whole number of unix seconds.
 * - `timestamp_out_of_tolerance`: the timestamp is too far from now, in either direction.
 * - `no_matching_signature`: no `v1` signature in the header matches any of the secrets.
 * - `invalid_secret`: a configured secret is not base64 (after an optional `whsec_`) or is empty.
 */
export type SignatureFailureReason =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature'
  | 'invalid_secret';

const MESSAGES: Readonly<Record<SignatureFailureReason, string>> = {
  missing_headers: 'Missing webhook-id, webhook-timestamp or webhook-signature (or svix-*)',
  invalid_timestamp: 'Timestamp header is not unix seconds',
  timestamp_out_of_tolerance: 'Timestamp too old or too new (replay or clock skew)',
  no_matching_signature: 'No v1 signature matches any secret',
  invalid_secret: 'Secret is empty or not base64 (whsec_ prefix optional)',
};

/**
 * Thrown by `verifySignature` (and by `signPayload` for a bad secret) when a webhook cannot be
 * trusted. Inspect {@link WebhookSignatureError.reason} to tell the cases apart; the message is
 * for humans and may change.
 *
 * @example
 * ```ts
 * try {
 *   await verifySignature({ payload, headers, secret });
 * } catch (error) {
 *   if (isWebhookSignatureError(error)) console.warn(error.reason);
 *   throw error;
 * }
 * ```
 */
export class WebhookSignatureError extends Error {
  /** Machine-readable cause of the failure. */
  declare readonly reason: SignatureFailureReason;

  /**
   * @param reason - why verification failed.
   * @param message - overrides the default message for `reason`.
   */
  constructor(reason: SignatureFailureReason, message: string = MESSAGES[reason]) {
    super(message);
    this.name = 'WebhookSignatureError';
    this.reason = reason;
  }
}

/**
 * Whether `error` is a {@link WebhookSignatureError}.
 *
 * Checks the name and reason rather than relying on `instanceof`, so it also recognises errors
 * created by another copy of this package or in another realm (a worker, an iframe, `node:vm`).
 *
 * @example
 * ```ts
 * if (isWebhookSignatureError(error) && error.reason === 'timestamp_out_of_tolerance') {
 *   // the sender's clock may be off
 * }
 * ```
 */
export function isWebhookSignatureError(error: unknown): error is WebhookSignatureError {
  const candidate = error as Partial<WebhookSignatureError> | null;
  return (
    typeof error === 'object' &&
    candidate?.name === 'WebhookSignatureError' &&
    typeof candidate.message === 'string' &&
    typeof candidate.reason === 'string' &&
    Object.hasOwn(MESSAGES, candidate.reason)
  );
}

/** Throws a {@link WebhookSignatureError} with the default message for `reason`. */
export function refuse(reason: SignatureFailureReason): never {
  throw new WebhookSignatureError(reason);
}
