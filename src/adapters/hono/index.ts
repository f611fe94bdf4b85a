/**
 * `voiceflow-webhooks/hono`: a Hono handler.
 *
 * @packageDocumentation
 */
import type { Context } from 'hono';
import { describeRequest, toResponse } from '../../http/fetch';
import type { VoiceflowWebhookOptions, WebhookRequest } from '../../http/index';
import { createWebhookHandler } from '../../http/index';
import { describeIncoming, type NodeRequestLike } from '../node/describe';

export * from '../../http/adapter-exports';

/**
 * The Node request behind `c.req.raw` on `@hono/node-server` (its `c.env.incoming`), while its
 * body is untouched. Reading that directly spares copying the body into an `ArrayBuffer`, which
 * on that server costs more than the rest of the handling.
 */
function nodeIncoming(c: Context): NodeRequestLike | undefined {
  const env = c.env as { incoming?: Partial<NodeRequestLike> & { readableDidRead?: boolean } };
  const incoming = env?.incoming;
  const untouched = incoming?.readableDidRead === false && !c.req.raw.bodyUsed;
  return untouched && typeof incoming.on === 'function' ? (incoming as NodeRequestLike) : undefined;
}

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
  const handle = createWebhookHandler<C>(options);
  const describe = (c: C): WebhookRequest<C> => {
    const incoming = nodeIncoming(c);
    if (incoming === undefined) return describeRequest(c.req.raw, c);
    return { ...describeIncoming(incoming), request: c };
  };
  return (c) => handle(describe(c)).then(toResponse);
}
