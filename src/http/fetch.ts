import type { WebhookBody } from './body';
import { createWebhookHandler, type WebhookRequest, type WebhookResponse } from './handler';
import type { VoiceflowWebhookOptions } from './options';

/** Answers a web `Request`; `framework` is what handlers see as `ctx.request`. */
export type FetchWebhookHandler<R> = (request: Request, framework: R) => Promise<Response>;

/** A `Content-Length` value as HTTP defines it. */
const DECIMAL = /^\d+$/;

/**
 * The unread body. One with a declared length is read in one call, because some servers (such as
 * `@hono/node-server`) build a web stream only when `request.body` is touched, which costs more
 * than all the rest of the handling. The handler refuses a declared length over the limit before
 * calling the reader, and HTTP framing holds the body to that length (the handler checks the
 * length read anyway; only a `Request` made in process can carry more than it declares); a failed
 * read still becomes `body_unreadable`. Anything else, including a declared length that is not a
 * plain decimal number, is streamed, so that reading stops at the limit.
 */
function unreadBody(request: Request): WebhookBody | null {
  if (!DECIMAL.test(request.headers.get('content-length') ?? '')) return request.body;
  return async () => new Uint8Array(await request.arrayBuffer());
}

/** Describes a web `Request` for the webhook handler, with `framework` as `ctx.request`. */
export function describeRequest<R>(request: Request, framework: R): WebhookRequest<R> {
  const { method, headers } = request;
  // A used body was read by someone else and cannot be read again: leave it out, which the
  // handler answers with raw_body_unavailable.
  return request.bodyUsed
    ? { method, headers, request: framework }
    : { method, headers, body: unreadBody(request), request: framework };
}

/** The handler's answer as a web `Response`. */
export const toResponse = ({ status, headers, body }: WebhookResponse): Response =>
  new Response(body, { status, headers });

/**
 * The webhook handler over web `Request` / `Response`, shared by the fetch-based adapters (web,
 * Next.js, Hono), which differ only in what they pass as `ctx.request`.
 *
 * @example
 * ```ts
 * const handle = createFetchWebhookHandler<Request>({ on: { '*': console.log } });
 * export default { fetch: (request: Request) => handle(request, request) };
 * ```
 */
export function createFetchWebhookHandler<R>(
  options: VoiceflowWebhookOptions<R>,
): FetchWebhookHandler<R> {
  const handle = createWebhookHandler<R>(options);
  return (request, framework) => handle(describeRequest(request, framework)).then(toResponse);
}
