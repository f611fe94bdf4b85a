/**
 * `voiceflow-webhooks/node`: a `node:http` request listener.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWebhookHandler, type VoiceflowWebhookOptions } from '../../http/index';
import { describeIncoming } from './describe';
import { sendResponse } from './incoming';

export * from '../../http/adapter-exports';

/**
 * Creates a `node:http` request listener that verifies, parses and routes Voiceflow webhooks.
 * `ctx.request` is the `IncomingMessage`. The promise settles once the response is written.
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { voiceflowWebhook } from 'voiceflow-webhooks/node';
 *
 * const webhook = voiceflowWebhook({
 *   secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
 *   on: { 'runtime.call.end': (event) => console.log(event.data.endReason) },
 * });
 *
 * createServer((req, res) => {
 *   if (req.url === '/webhooks/voiceflow') return void webhook(req, res);
 *   res.writeHead(404).end();
 * }).listen(3000);
 * ```
 */
export function voiceflowWebhook(
  options: VoiceflowWebhookOptions<IncomingMessage>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handle = createWebhookHandler<IncomingMessage>(options);
  return async (req, res) => sendResponse(res, await handle(describeIncoming(req)));
}
