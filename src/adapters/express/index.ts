/**
 * `voiceflow-webhooks/express`: an Express request handler (Express 4 and 5).
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWebhookHandler, type VoiceflowWebhookOptions } from '../../http/index';
import { describeIncoming } from '../node/describe';
import { sendResponse } from '../node/incoming';

export * from '../../http/adapter-exports';

/**
 * The parts of an Express request the handler uses: a Node request, plus what body parsers leave.
 * Structural, so that `@types/express` is not needed; Express's `Request` satisfies it.
 */
export interface ExpressRequestLike extends IncomingMessage {
  /** Set by `express.json()` / `express.raw()` / `express.text()`. */
  body?: unknown;
  /** The exact bytes, when a `verify` hook of `express.json()` kept them. */
  rawBody?: unknown;
}

/** An Express middleware: what `app.post(path, handler)` accepts in Express 4 and 5. */
export type ExpressWebhookHandler<Req extends ExpressRequestLike = ExpressRequestLike> = (
  req: Req,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => Promise<void>;

/**
 * Creates an Express handler that verifies, parses and routes Voiceflow webhooks. Works with no
 * body parser, after `express.raw()` or `express.text()`, and after `express.json()` (its
 * `req.body` is used when no `secret` is set, its `req.rawBody` when a `verify` hook kept it).
 * `ctx.request` is the Express request; pass Express's `Request` type as `Req` to have it typed so.
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { voiceflowWebhook } from 'voiceflow-webhooks/express';
 *
 * const app = express();
 * // Before app.use(express.json()), so the signature is checked on the exact bytes.
 * app.post('/webhooks/voiceflow', voiceflowWebhook({
 *   secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
 *   on: { 'runtime.call.end': (event) => console.log(event.data.endReason) },
 * }));
 * app.use(express.json());
 * ```
 */
export function voiceflowWebhook<Req extends ExpressRequestLike = ExpressRequestLike>(
  options: VoiceflowWebhookOptions<Req>,
): ExpressWebhookHandler<Req> {
  const handle = createWebhookHandler<Req>(options);
  return (req, res, next) =>
    handle(describeIncoming(req))
      .then((result) => sendResponse(res, result))
      .catch(next);
}
