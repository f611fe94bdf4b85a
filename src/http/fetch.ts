import { createWebhookHandler, type WebhookRequest } from './handler';
import type { VoiceflowWebhookOptions } from './options';

/** Answers a web `Request`; `framework` is what handlers see as `ctx.request`. */
export type FetchWebhookHandler<R> = (request: Request, framework: R) => Promise<Response>;

function toWebhookRequest<R>(request: Request, framework: R): WebhookRequest<R> {
  const { method, headers } = request;
  // A used body was read by someone else and cannot be read again: leave it out, which the
  // handler answers with raw_body_unavailable.
  return request.bodyUsed
    ? { method, headers, request: framework }
    : { method, headers, body: request.body, request: framework };
}

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
  return async (request, framework) => {
    const { status, headers, body } = await handle(toWebhookRequest(request, framework));
    return new Response(body, { status, headers });
  };
}
