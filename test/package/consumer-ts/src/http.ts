/**
 * The framework-neutral handler `voiceflow-webhooks/web` exports, wired to a framework of one's
 * own the way the adapters are, with the in-memory idempotency store. The types come from the
 * root, which exports the request-handling types but none of its code.
 */
import type {
  IdempotencyClaim,
  IdempotencyStore,
  MemoryIdempotencyStoreOptions,
  VoiceflowWebhookOptions,
  WebhookContext,
  WebhookErrorCode,
} from 'voiceflow-webhooks';
import {
  createFetchWebhookHandler,
  createMemoryIdempotencyStore,
  createWebhookHandler,
  type FetchWebhookHandler,
  type WebhookBody,
  type WebhookHandler,
  type WebhookRequest,
  WebhookRequestError,
  type WebhookResponse,
} from 'voiceflow-webhooks/web';

/** A request as some framework without an adapter hands it over. */
interface FrameworkRequest {
  method: string;
  headers: Record<string, string>;
  chunks: AsyncIterable<Uint8Array>;
}

const storeOptions: MemoryIdempotencyStoreOptions = { ttlMs: 60_000, maxEntries: 1_000 };
const store: IdempotencyStore = createMemoryIdempotencyStore(storeOptions);

function report(error: WebhookRequestError, ctx: WebhookContext<FrameworkRequest>): void {
  const code: WebhookErrorCode = error.code;
  console.warn(error.status, code, ctx.request.method, error instanceof WebhookRequestError);
}

const options: VoiceflowWebhookOptions<FrameworkRequest> = {
  idempotency: store,
  on: { 'runtime.call.end': (event, ctx) => console.log(event.data.endTime, ctx.rawBody) },
  onError: report,
};

const handle: WebhookHandler<FrameworkRequest> = createWebhookHandler(options);

/** Describes the framework's request to the handler and returns what to answer. */
export async function serve(request: FrameworkRequest): Promise<[number, string, boolean]> {
  const body: WebhookBody = request.chunks;
  const described: WebhookRequest<FrameworkRequest> = {
    method: request.method,
    headers: new Headers(request.headers),
    body,
    request,
  };
  const response: WebhookResponse = await handle(described);
  return [response.status, response.body, response.closeConnection];
}

/** A fetch-style handler whose `ctx.request` is whatever the caller passes beside the Request. */
export const withTrace: FetchWebhookHandler<{ traceId: string }> = createFetchWebhookHandler({
  on: {
    '*': (event, ctx: WebhookContext<{ traceId: string }>) =>
      console.log(event.type, ctx.request.traceId),
  },
});

/** The store's interface, called directly. */
export async function claimOnce(key: string): Promise<boolean> {
  const claim: IdempotencyClaim = await store.claim(key, 1_000);
  return claim === 'claimed';
}
