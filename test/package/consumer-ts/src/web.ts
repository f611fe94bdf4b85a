/**
 * `voiceflow-webhooks/web`, with every option, the typed context, an idempotency store written
 * against the public interface, and the error `onError` receives.
 */
import {
  type IdempotencyClaim,
  type IdempotencyStore,
  type VoiceflowWebhookOptions,
  voiceflowWebhook,
  type WebhookContext,
  type WebhookErrorCode,
  type WebhookRequestError,
} from 'voiceflow-webhooks/web';

const claims = new Map<string, IdempotencyClaim>();

/** A single-process store; the interface is what a Redis-backed one implements. */
export const store: IdempotencyStore = {
  async claim(key) {
    const state = claims.get(key);
    if (state !== undefined) return state;
    claims.set(key, 'in_flight');
    return 'claimed';
  },
  async complete(key) {
    claims.set(key, 'completed');
  },
  async release(key) {
    claims.delete(key);
  },
};

function logFailure(error: WebhookRequestError, ctx: WebhookContext<Request>): void {
  const code: WebhookErrorCode = error.code;
  const status: number = error.status;
  console.warn(status, code, error.message, error.cause, ctx.deliveryId, ctx.request.url);
}

export const options: VoiceflowWebhookOptions<Request> = {
  secret: ['whsec_old', 'whsec_new'],
  toleranceSeconds: 300,
  projectID: ['project-a', 'project-b'],
  maxBodyBytes: 65_536,
  idempotency: store,
  on: {
    'runtime.call.end': async (event, ctx) => {
      const body: string = ctx.rawBody;
      const id: string | null = ctx.headers.get('webhook-id');
      console.log(event.data.endTime, body.length, id, ctx.request.method);
    },
  },
  onUnknownEvent: (event, ctx) => console.log(event.type, ctx.deliveryId),
  onError: logFailure,
};

/** What Workers, Bun and Deno call: a `fetch`-style function. */
export const handle: (request: Request) => Promise<Response> = voiceflowWebhook(options);

/** Options without a secret are valid too: every field is optional. */
export const open = voiceflowWebhook({});
