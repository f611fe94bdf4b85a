/**
 * `voiceflow-webhooks/hono`: a Hono handler.
 *
 * @packageDocumentation
 */
import type { Context } from 'hono';
import type { VoiceflowWebhookOptions } from '../../http/index';
import { createFetchWebhookHandler } from '../../http/index';

export * from '../../http/adapter-exports';

/**
 * Creates a Hono handler that verifies, parses and routes Voiceflow webhooks from `c.req.raw`.
 * `ctx.request` is Hono's `Context`, so handlers reach `c.env`, `c.var` and
 * `c.executionCtx`; give the app's context type as `C` to have them typed.
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { voiceflowWebhook } from 'voiceflow-webhooks/hono';
 *
 * const app = new Hono();
 * app.post('/webhooks/voiceflow', voiceflowWebhook({
 *   secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
 *   on: { 'runtime.call.start': (event) => console.log(event.data.userID) },
 * }));
 * ```
 */
export function voiceflowWebhook<C extends Context = Context>(
  options: VoiceflowWebhookOptions<C>,
): (c: C) => Promise<Response> {
  const handle = createFetchWebhookHandler<C>(options);
  return (c) => handle(c.req.raw, c);
}
