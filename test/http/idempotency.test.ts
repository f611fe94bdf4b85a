import { describe, expect, it } from 'vitest';
import {
  createFetchWebhookHandler,
  createMemoryIdempotencyStore,
  type IdempotencyStore,
  type VoiceflowWebhookOptions,
  type WebhookRequestError,
} from '../../src/http/index';
import { signPayload } from '../../src/signature/index';
import { fixtureText, jsonPost, SECRET } from './support';

const callEnd = fixtureText('call-end-twilio-inbound');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createMemoryIdempotencyStore', () => {
  it('claims a free key once, then reports it in flight, completed, and free after release', async () => {
    const store = createMemoryIdempotencyStore();
    expect(await store.claim('a', 1000)).toBe('claimed');
    expect(await store.claim('a', 1000)).toBe('in_flight');
    await store.complete('a', 1000);
    expect(await store.claim('a', 1000)).toBe('completed');
    await store.release('a');
    expect(await store.claim('a', 1000)).toBe('claimed');
  });

  it('forgets a key after its TTL, capped by the store ttlMs', async () => {
    const store = createMemoryIdempotencyStore({ ttlMs: 30 });
    await store.claim('capped', 60_000);
    await store.claim('short', 10);
    await sleep(50);
    expect(await store.claim('capped', 60_000)).toBe('claimed');
    expect(await store.claim('short', 60_000)).toBe('claimed');
  });

  it('keeps at most maxEntries keys, dropping the oldest first', async () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await store.claim(key, 60_000);
    expect(await store.claim('a', 60_000)).toBe('claimed');
    expect(await store.claim('d', 60_000)).toBe('in_flight');
  });

  it.each([{ ttlMs: 0 }, { maxEntries: -1 }, { maxEntries: 2.5 }])(
    'rejects %o with a TypeError',
    (options) => {
      expect(() => createMemoryIdempotencyStore(options)).toThrow(TypeError);
    },
  );
});

/** A handler with a store, whose handler fails while `failures` is positive. */
function deduplicating(store: IdempotencyStore, options: VoiceflowWebhookOptions<Request> = {}) {
  const state = { runs: 0, failures: 0, errors: [] as WebhookRequestError[] };
  const handle = createFetchWebhookHandler<Request>({
    idempotency: store,
    onError: (error) => void state.errors.push(error),
    on: {
      '*': () => {
        state.runs++;
        if (state.failures-- > 0) throw new Error('temporary');
      },
    },
    ...options,
  });
  const send = async (id?: string | Record<string, string>) => {
    const headers = typeof id === 'string' ? { 'webhook-id': id } : (id ?? {});
    const request = jsonPost(callEnd, headers);
    const response = await handle(request, request);
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return { state, send };
}

describe('idempotency in the handler', () => {
  it('runs the handlers once for a delivery sent twice, and answers the duplicate 200', async () => {
    const { state, send } = deduplicating(createMemoryIdempotencyStore());
    expect(await send('msg_1')).toMatchObject({ status: 200, body: { received: true } });
    expect(await send('msg_1')).toMatchObject({
      status: 200,
      body: { received: true, duplicate: true },
    });
    expect(state.runs).toBe(1);
  });

  it('runs the handlers again on the retry of a delivery whose handler failed', async () => {
    const { state, send } = deduplicating(createMemoryIdempotencyStore());
    state.failures = 1;
    expect((await send('msg_1')).status).toBe(500);
    expect((await send('msg_1')).status).toBe(200);
    expect((await send('msg_1')).body).toEqual({ received: true, duplicate: true });
    expect(state.runs).toBe(2);
  });

  it('answers 409 with Retry-After to a duplicate that arrives while the first is in flight', async () => {
    const inFlight: (() => void)[] = [];
    const { send, state } = deduplicating(createMemoryIdempotencyStore(), {
      on: { '*': () => new Promise<void>((resolve) => void inFlight.push(resolve)) },
    });
    const first = send('msg_1');
    await sleep(10);
    const second = await send('msg_1');
    expect(second).toMatchObject({ status: 409, body: { error: 'delivery_in_progress' } });
    expect(second.headers.get('retry-after')).toBe('10');
    expect(state.errors.map((error) => error.code)).toEqual(['delivery_in_progress']);
    for (const finish of inFlight) finish();
    expect((await first).status).toBe(200);
  });

  it('treats a replayed svix-signed delivery as a duplicate whatever webhook-id is added to it', async () => {
    const { state, send } = deduplicating(createMemoryIdempotencyStore(), { secret: SECRET });
    const signed = await signPayload({ payload: callEnd, secret: SECRET, id: 'msg_signed' });
    const svix = {
      'svix-id': signed['webhook-id'],
      'svix-timestamp': signed['webhook-timestamp'],
      'svix-signature': signed['webhook-signature'],
    };
    expect((await send(svix)).status).toBe(200);
    const replays = [
      { ...svix, 'webhook-id': 'msg_a' },
      { ...svix, 'webhook-id': 'msg_b' },
    ];
    for (const replay of replays) {
      expect(await send(replay)).toMatchObject({ status: 200, body: { duplicate: true } });
    }
    expect(state.runs).toBe(1);
  });

  it('runs the handlers every time for requests without a delivery id', async () => {
    const { state, send } = deduplicating(createMemoryIdempotencyStore());
    await send();
    await send();
    expect(state.runs).toBe(2);
  });

  it('answers 500 idempotency_unavailable when the store cannot claim, without running handlers', async () => {
    const down = new Error('store down');
    const store: IdempotencyStore = {
      claim: () => Promise.reject(down),
      complete: async () => undefined,
      release: async () => undefined,
    };
    const { state, send } = deduplicating(store);
    expect(await send('msg_1')).toMatchObject({
      status: 500,
      body: { error: 'idempotency_unavailable' },
    });
    expect(state.runs).toBe(0);
    expect(state.errors[0]?.cause).toBe(down);
  });

  it('answers 500 idempotency_unavailable when claim resolves to something else', async () => {
    const store = { ...createMemoryIdempotencyStore(), claim: async () => true };
    const { send } = deduplicating(store as unknown as IdempotencyStore);
    expect((await send('msg_1')).status).toBe(500);
  });

  it('still answers 200 when recording the completion fails, and reports it to onError', async () => {
    const store = {
      ...createMemoryIdempotencyStore(),
      complete: () => Promise.reject(new Error('store down')),
    };
    const { state, send } = deduplicating(store);
    expect((await send('msg_1')).status).toBe(200);
    expect(state.errors.map((error) => error.code)).toEqual(['idempotency_unavailable']);
  });
});
