import { ERROR_STATUS, type WebhookErrorCode } from './errors';

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

/** Why a request is refused: the response's code, extra body fields, and the underlying error. */
export class Refusal {
  constructor(
    readonly code: WebhookErrorCode,
    readonly message: string,
    readonly cause?: unknown,
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {}
}

const RAW_BODY_HELP =
  'The request body was consumed by a body parser before the webhook handler ran, so the exact ' +
  'bytes needed to verify the signature are gone. Mount the webhook route before express.json(), ' +
  "or use express.raw({ type: 'application/json' }) on it, or keep the bytes with " +
  'express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }).';

/** The refusal for a body that a parser consumed, with how to fix it in the response. */
export const rawBodyUnavailable = (): Refusal =>
  new Refusal('raw_body_unavailable', RAW_BODY_HELP, undefined, { message: RAW_BODY_HELP });

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** Headers some outcomes add; `Retry-After` tells a sender when an in-flight delivery may be done. */
const EXTRA_HEADERS: Partial<Record<WebhookErrorCode, Readonly<Record<string, string>>>> = {
  method_not_allowed: { allow: 'POST' },
  delivery_in_progress: { 'retry-after': '10' },
};

/** A JSON response. */
function response(status: number, body: object, headers: object = {}): WebhookResponse {
  return {
    status,
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
    closeConnection: false,
  };
}

// The two successful answers never change, so they are built once and shared (frozen, since every
// request gets the same objects).
const frozen = (answer: WebhookResponse): WebhookResponse =>
  Object.freeze({ ...answer, headers: Object.freeze(answer.headers) });

/** 200 for a delivery whose handlers ran. */
export const ACCEPTED: WebhookResponse = frozen(response(200, { received: true }));

/** 200 for a delivery that an earlier attempt already handled (with `idempotency`). */
export const DUPLICATE: WebhookResponse = frozen(
  response(200, { received: true, duplicate: true }),
);

/** The response to a refusal: its status, its headers, and `{ error: code, ...detail }`. */
export function refusalResponse({ code, detail }: Refusal): WebhookResponse {
  return {
    ...response(ERROR_STATUS[code], { error: code, ...detail }, EXTRA_HEADERS[code]),
    // A 413 leaves the rest of the body unread on the connection.
    closeConnection: code === 'payload_too_large',
  };
}
