import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createFetchWebhookHandler,
  createMemoryIdempotencyStore,
  createWebhookHandler,
  type IdempotencyStore,
  type VoiceflowWebhookOptions,
  WebhookRequestError,
} from '../../src/http/index';
import { fixtureText, jsonPost } from './support';

const callEnd = fixtureText('call-end-twilio-inbound');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise with its resolve and reject (Promise.withResolvers is not in Node 20). */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A handler that does `work` and says when it started, so that a test advances (fake) time only
 * once the handler and the time limit are both running.
 */
function startedHandler(work: () => Promise<unknown>) {
  const started = deferred();
  return {
    handler: () => {
      started.resolve();
      return work();
    },
    running: started.promise,
  };
}

/** A handler that runs until the test settles `finish`. */
function slowHandler() {
  const finish = deferred();
  return { ...startedHandler(() => finish.promise), finish };
}

/** A handler that takes `ms` milliseconds. */
const sleeper = (ms: number) => startedHandler(() => sleep(ms));

/** A handler over web Requests that records the codes onError saw. */
function webhook(options: VoiceflowWebhookOptions<Request>) {
  const errors: WebhookRequestError[] = [];
  const handle = createFetchWebhookHandler<Request>({
    onError: (error) => void errors.push(error),
    ...options,
  });
  const send = async (id?: string) => {
    const request = jsonPost(callEnd, id === undefined ? {} : { 'webhook-id': id });
    const response = await handle(request, request);
    return { status: response.status, body: await response.text() };
  };
  return { errors, send };
}

/**
 * Sends one request with `handler` on a fake clock, and waits until the handler started, so that
 * its timers and the time limit's are all set before the test moves the clock.
 */
async function sendOnFakeClock(
  { handler, running }: ReturnType<typeof startedHandler>,
  options: VoiceflowWebhookOptions<Request>,
  id?: string,
) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let answered = false;
  const answer = webhook({ ...options, on: { '*': handler } })
    .send(id)
    .finally(() => {
      answered = true;
    });
  await running;
  return { answer, answered: () => answered };
}

const TIMED_OUT = { status: 500, body: '{"error":"handler_timeout"}' };
const RECEIVED = { status: 200, body: '{"received":true}' };

describe('handlerTimeoutMs', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('answers 500 handler_timeout when a handler hangs past handlerTimeoutMs, and reports it', async () => {
    const { send, errors } = webhook({
      handlerTimeoutMs: 50,
      on: { '*': () => new Promise(() => undefined) },
    });
    const started = performance.now();
    expect(await send()).toEqual(TIMED_OUT);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(45);
    expect(elapsed).toBeLessThan(2_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(WebhookRequestError);
    expect(errors[0]).toMatchObject({ code: 'handler_timeout', status: 500 });
  });

  it('does not report the late failure of a timed-out handler a second time', async () => {
    const { handler, running, finish } = slowHandler();
    const { send, errors } = webhook({ handlerTimeoutMs: 50, on: { '*': handler } });
    expect(await send()).toEqual(TIMED_OUT);
    await running;
    finish.reject(new Error('late'));
    await sleep(20);
    expect(errors.map((error) => error.code)).toEqual(['handler_timeout']);
  });

  it('answers 200 to handlers that settle 1 ms before the limit, and clears its timer', async () => {
    const { answer } = await sendOnFakeClock(sleeper(49), { handlerTimeoutMs: 50 });
    await vi.advanceTimersByTimeAsync(49);
    expect(await answer).toEqual(RECEIVED);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers 500 to handlers that settle 1 ms after the limit', async () => {
    const { answer } = await sendOnFakeClock(sleeper(51), { handlerTimeoutMs: 50 });
    await vi.advanceTimersByTimeAsync(50);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual(TIMED_OUT);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits 10 s by default', async () => {
    const { answer, answered } = await sendOnFakeClock(slowHandler(), {});
    await vi.advanceTimersByTimeAsync(9_999);
    expect(answered()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual(TIMED_OUT);
  });

  it('waits as long as the handlers run with Infinity, without starting a timer', async () => {
    const slow = slowHandler();
    const { answer } = await sendOnFakeClock(slow, { handlerTimeoutMs: Infinity });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    slow.finish.resolve();
    expect(await answer).toEqual(RECEIVED);
  });

  it('does not let its timer keep the process alive', async () => {
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const { handler, running, finish } = slowHandler();
    const { send } = webhook({ handlerTimeoutMs: 60_000, on: { '*': handler } });
    const answer = send();
    await running;
    const timer = setTimer.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    finish.resolve();
    expect(await answer).toEqual(RECEIVED);
  });

  it.each([0, -1, Number.NaN, -Infinity, 2 ** 31, '50', null])(
    'rejects handlerTimeoutMs %s with a TypeError at creation',
    (handlerTimeoutMs) => {
      const options = { handlerTimeoutMs } as unknown as VoiceflowWebhookOptions;
      expect(() => createWebhookHandler(options)).toThrow(TypeError);
      expect(() => createWebhookHandler(options)).toThrow(/handlerTimeoutMs/);
    },
  );

  it.each([0.5, 1, 15_000, 2 ** 31 - 1, Infinity])(
    'accepts handlerTimeoutMs %s',
    (handlerTimeoutMs) => {
      expect(() => createWebhookHandler({ handlerTimeoutMs })).not.toThrow();
    },
  );
});

/** A memory store that records which calls it received. */
function recordingStore(overrides: Partial<IdempotencyStore> = {}) {
  const calls: string[] = [];
  const memory = { ...createMemoryIdempotencyStore(), ...overrides };
  const store: IdempotencyStore = {
    claim: (key, ttlMs) => memory.claim(key, ttlMs),
    complete: (key, ttlMs) => {
      calls.push('complete');
      return memory.complete(key, ttlMs);
    },
    release: (key) => {
      calls.push('release');
      return memory.release(key);
    },
  };
  return { store, calls };
}

describe('handlerTimeoutMs with idempotency', () => {
  afterEach(() => vi.useRealTimers());

  /** A handler whose first run hangs until the test settles it, and whose later runs succeed. */
  function slowFirstRun(store: IdempotencyStore) {
    const first = slowHandler();
    let runs = 0;
    const hook = webhook({
      handlerTimeoutMs: 50,
      idempotency: store,
      on: { '*': () => (++runs === 1 ? first.handler() : undefined) },
    });
    return { ...hook, first, runs: () => runs };
  }

  it('answers 409 to a retry while the timed-out handlers run, and 200 duplicate once they succeeded', async () => {
    const { store, calls } = recordingStore();
    const { send, errors, first, runs } = slowFirstRun(store);
    expect(await send('msg_1')).toEqual(TIMED_OUT);
    expect(await send('msg_1')).toMatchObject({
      status: 409,
      body: '{"error":"delivery_in_progress"}',
    });
    first.finish.resolve();
    await expect.poll(() => calls).toEqual(['complete']);
    expect(await send('msg_1')).toEqual({
      status: 200,
      body: '{"received":true,"duplicate":true}',
    });
    expect(runs()).toBe(1);
    expect(errors.map((error) => error.code)).toEqual(['handler_timeout', 'delivery_in_progress']);
  });

  it('runs the handlers again on a retry after the timed-out handlers failed', async () => {
    const { store, calls } = recordingStore();
    const { send, errors, first, runs } = slowFirstRun(store);
    expect(await send('msg_1')).toEqual(TIMED_OUT);
    expect((await send('msg_1')).status).toBe(409);
    first.finish.reject(new Error('late'));
    await expect.poll(() => calls).toEqual(['release']);
    expect(await send('msg_1')).toEqual(RECEIVED);
    expect(runs()).toBe(2);
    expect(errors.map((error) => error.code)).toEqual(['handler_timeout', 'delivery_in_progress']);
  });

  it('reports a store that fails to record the late outcome as idempotency_unavailable', async () => {
    const down = new Error('store down');
    const { store } = recordingStore({ complete: () => Promise.reject(down) });
    const { send, errors, first } = slowFirstRun(store);
    expect(await send('msg_1')).toEqual(TIMED_OUT);
    first.finish.resolve();
    await expect
      .poll(() => errors.map((error) => error.code))
      .toEqual(['handler_timeout', 'idempotency_unavailable']);
    expect(errors[1]?.cause).toBe(down);
  });

  it('clears its timer when deduplicated handlers finish first', async () => {
    const { store, calls } = recordingStore();
    const options = { handlerTimeoutMs: 50, idempotency: store };
    const { answer } = await sendOnFakeClock(sleeper(10), options, 'msg_1');
    await vi.advanceTimersByTimeAsync(10);
    expect(await answer).toEqual(RECEIVED);
    expect(calls).toEqual(['complete']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
