/**
 * What went wrong with a webhook request, as the `error` field of the JSON response says it.
 *
 * - `method_not_allowed` (405): not a POST.
 * - `payload_too_large` (413): the body exceeds `maxBodyBytes`.
 * - `invalid_signature` (401): `secret` is set and the signature is missing, wrong or stale.
 * - `invalid_json` (400): the body is not JSON (or not UTF-8).
 * - `invalid_event` (400): JSON, but not an event, or a known type failing its schema.
 * - `project_not_allowed` (403): the event's `data.projectID` is not in the `projectID` allowlist.
 * - `handler_failed` (500): a handler threw or rejected.
 * - `handler_timeout` (500): the handlers did not settle within `handlerTimeoutMs`.
 * - `raw_body_unavailable` (500): a body parser consumed the body and its exact bytes are gone.
 * - `body_unreadable` (400): reading the body failed, typically because the client went away.
 * - `delivery_in_progress` (409): the same delivery is still being handled by an earlier attempt.
 * - `idempotency_unavailable` (500): the idempotency store failed.
 */
export type WebhookErrorCode =
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'invalid_signature'
  | 'invalid_json'
  | 'invalid_event'
  | 'project_not_allowed'
  | 'handler_failed'
  | 'handler_timeout'
  | 'raw_body_unavailable'
  | 'body_unreadable'
  | 'delivery_in_progress'
  | 'idempotency_unavailable';

/** The HTTP status each outcome is answered with; the one place that decides it. */
export const ERROR_STATUS: Readonly<Record<WebhookErrorCode, number>> = {
  method_not_allowed: 405,
  payload_too_large: 413,
  invalid_signature: 401,
  invalid_json: 400,
  invalid_event: 400,
  project_not_allowed: 403,
  handler_failed: 500,
  handler_timeout: 500,
  raw_body_unavailable: 500,
  body_unreadable: 400,
  delivery_in_progress: 409,
  idempotency_unavailable: 500,
};

/**
 * What `onError` receives for every 4xx/5xx outcome (and when the idempotency store fails to
 * record a finished delivery). `code` is the response's `error` field, `status` its HTTP status,
 * and `cause` the underlying error when there is one: the `WebhookParseError`, the
 * `WebhookSignatureError`, the handler's own error, or the store's.
 *
 * @example
 * ```ts
 * voiceflowWebhook({
 *   onError: (error, ctx) => {
 *     console.warn(error.status, error.code, error.message, ctx.deliveryId, error.cause);
 *   },
 * });
 * ```
 */
export class WebhookRequestError extends Error {
  override readonly name = 'WebhookRequestError';
  /** The `error` field of the response body. */
  readonly code: WebhookErrorCode;
  /** The HTTP status of the response. */
  readonly status: number;

  /**
   * @param code - what went wrong.
   * @param message - a human-readable account of it.
   * @param cause - the underlying error, if any.
   */
  constructor(code: WebhookErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
  }
}
