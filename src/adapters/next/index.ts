/**
 * `voiceflow-webhooks/next`: a Next.js App Router route handler.
 *
 * @packageDocumentation
 */
import type { VoiceflowWebhookOptions } from '../../http/index';
import { voiceflowWebhook as webWebhook } from '../web/index';

export * from '../../http/adapter-exports';

/**
 * Creates an App Router route handler that verifies, parses and routes Voiceflow webhooks.
 * `ctx.request` is the `Request` (a `NextRequest` at run time).
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * // app/api/webhooks/voiceflow/route.ts
 * import { voiceflowWebhook } from 'voiceflow-webhooks/next';
 *
 * export const POST = voiceflowWebhook({
 *   secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
 *   on: {
 *     'runtime.call.end': async (event) => {
 *       await saveCall(event.data.projectID, event.data.endTime - event.data.startTime);
 *     },
 *   },
 * });
 * ```
 */
export function voiceflowWebhook(
  options: VoiceflowWebhookOptions<Request>,
): (request: Request) => Promise<Response> {
  return webWebhook(options);
}
