/**
 * `voiceflow-webhooks/web`: a webhook endpoint as a `(request: Request) => Promise<Response>`
 * function, for any runtime with the fetch API (Cloudflare Workers, Bun, Deno, Remix, SvelteKit...).
 *
 * @packageDocumentation
 */

import type { VoiceflowWebhookOptions } from '../../http/index';
import { createFetchWebhookHandler } from '../../http/index';

export * from '../../http/adapter-exports';
// The framework-neutral core, for frameworks without an adapter of their own.
export {
  type BodyReader,
  createFetchWebhookHandler,
  createWebhookHandler,
  type FetchWebhookHandler,
  type WebhookBody,
  type WebhookHandler,
  type WebhookRequest,
  type WebhookResponse,
} from '../../http/index';

/**
 * Creates a fetch handler that verifies, parses and routes Voiceflow webhooks and answers with the
 * documented status and JSON body. `ctx.request` is the `Request`.
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { voiceflowWebhook } from 'voiceflow-webhooks/web';
 *
 * const handle = voiceflowWebhook({
 *   secret: 'whsec_...',
 *   on: {
 *     'runtime.call.end': async (event, ctx) => {
 *       console.log(ctx.deliveryId, event.data.endReason);
 *     },
 *   },
 * });
 *
 * Bun.serve({ fetch: handle });
 * ```
 */
export function voiceflowWebhook(
  options: VoiceflowWebhookOptions<Request>,
): (request: Request) => Promise<Response> {
  const handle = createFetchWebhookHandler<Request>(options);
  return (request) => handle(request, request);
}
