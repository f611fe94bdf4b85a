import type { WebhookRequestError } from './errors';

/** The answer to send, whatever the framework. */
export interface WebhookResponse {
  /** HTTP status. */
  readonly status: number;
  /** Response headers (lower-case names), always with `content-type: application/json`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, as text. */
  readonly body: string;
  /**
   * True when the request body was left partly unread (413): a server should close the connection
   * after answering, rather than read the rest or parse it as the next request.
   */
  readonly closeConnection: boolean;
}

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json' });

// The two successful answers never change, so every request shares one frozen object of each.
const success = (body: string): WebhookResponse =>
  Object.freeze({ status: 200, headers: JSON_HEADERS, body, closeConnection: false });

/** 200 for a delivery whose handlers ran. */
export const ACCEPTED: WebhookResponse = success('{"received":true}');

/** 200 for a delivery that an earlier attempt already handled (with `idempotency`). */
export const DUPLICATE: WebhookResponse = success('{"received":true,"duplicate":true}');

/** The answer to a refusal: its status, `{ error: code, ...detail }`, and the headers it needs. */
export function refusalResponse(
  { code, status }: WebhookRequestError,
  detail?: Readonly<Record<string, unknown>>,
): WebhookResponse {
  // `Retry-After` tells a sender when an in-flight delivery may be done.
  const extra = status === 405 ? { allow: 'POST' } : status === 409 ? { 'retry-after': '10' } : {};
  return {
    status,
    headers: { ...JSON_HEADERS, ...extra },
    body: JSON.stringify({ error: code, ...detail }),
    // A 413 leaves the rest of the body unread on the connection.
    closeConnection: status === 413,
  };
}
