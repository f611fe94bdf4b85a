/**
 * Faults in user code and in the client, over real HTTP on every adapter: handlers that throw
 * (anything, even values that throw back), reject, hang or return things that are not promises;
 * an `onError` that throws or rejects; clients that leave before the answer. The process must
 * stay up (no uncaught exception, no unhandled rejection) and serve the next request.
 *
 * A handler that never settles is answered 500 `handler_timeout` once `handlerTimeoutMs` passed
 * (shortened here from its 10 s default), while it keeps running: these tests show that it
 * blocks nothing else, and that a client leaving before that answer breaks nothing either.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceflowEvent } from '../../src/core/index';
import type { VoiceflowWebhookOptions, WebhookRequestError } from '../../src/http/index';
import { type RunningServer, startExpress } from '../integration/support/servers';
import { EVERY_ADAPTER } from './support/adapters';

/** A value that throws from every trap, so that even inspecting the thrown value fails. */
const hostile = new Proxy(
  {},
  Object.fromEntries(
    ['get', 'has', 'ownKeys', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'apply'].map((trap) => [
      trap,
      () => {
        throw new Error('trap');
      },
    ]),
  ),
);

/** Releases handlers that wait, so a test decides when a slow handler finishes. */
let releaseSlow: () => void = () => undefined;

/** What each event type makes the handler do. */
const BEHAVIOURS: Readonly<Record<string, () => unknown>> = {
  'fault.throws': () => {
    throw new Error('boom');
  },
  'fault.rejects': () => Promise.reject(new Error('boom')),
  'fault.throws-null': () => {
    throw null;
  },
  'fault.throws-undefined': () => {
    throw undefined;
  },
  'fault.throws-a-hostile-proxy': () => {
    throw hostile;
  },
  'fault.returns-a-number': () => 42,
  'fault.returns-a-thenable': () => ({
    // biome-ignore lint/suspicious/noThenProperty: a handler may return any thenable
    then: (resolve: (value: unknown) => void) => resolve(1),
  }),
  'fault.returns-a-rejecting-thenable': () => ({
    // biome-ignore lint/suspicious/noThenProperty: a handler may return any thenable
    then: (_: unknown, reject: (error: unknown) => void) => reject(new Error('boom')),
  }),
  'fault.hangs': () => new Promise(() => undefined),
  'fault.waits': () =>
    new Promise<void>((resolve) => {
      releaseSlow = resolve;
    }),
};

/** The handlers' time limit in these tests: short, so that hanging cases end quickly. */
const HANDLER_TIMEOUT_MS = 200;

const TIMED_OUT: [number, string] = [500, '{"error":"handler_timeout"}'];
const RECEIVED: [number, string] = [200, '{"received":true}'];

const sleep = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms));

const event = (type: string): string =>
  JSON.stringify({ type, data: { projectID: 'p' }, time: 1, resource: 'project-p' });

/** Process-level failures seen while the tests run: any one means the process would have died. */
const crashes: unknown[] = [];
const recordCrash = (error: unknown): void => void crashes.push(error);

beforeAll(() => {
  process.on('uncaughtException', recordCrash);
  process.on('unhandledRejection', recordCrash);
});
afterAll(() => {
  process.off('uncaughtException', recordCrash);
  process.off('unhandledRejection', recordCrash);
});

describe.each(Object.entries(EVERY_ADAPTER))('the %s adapter under faults', (_, start) => {
  let server: RunningServer;
  const handled: string[] = [];
  const reported: string[] = [];

  const options: VoiceflowWebhookOptions = {
    handlerTimeoutMs: HANDLER_TIMEOUT_MS,
    on: {
      '*': (received: VoiceflowEvent) => {
        handled.push(received.type);
        return BEHAVIOURS[received.type]?.();
      },
    },
    // Fails in both ways a callback can: synchronously for 400s, asynchronously for the rest.
    onError: (error: WebhookRequestError) => {
      reported.push(error.code);
      if (error.status === 400) throw new Error('onError failed');
      return Promise.reject(new Error('onError failed'));
    },
  };

  const post = (body: string, signal?: AbortSignal): Promise<Response> =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      ...(signal ? { signal } : {}),
    });

  const answer = async (body: string): Promise<[number, string]> => {
    const response = await post(body);
    return [response.status, await response.text()];
  };

  beforeAll(async () => {
    server = await start(options);
  });
  afterAll(() => server.close());
  afterEach(async () => {
    expect(await answer(event('ping'))).toEqual(RECEIVED);
    expect(crashes).toEqual([]);
  });

  it.each([
    'fault.throws',
    'fault.rejects',
    'fault.throws-null',
    'fault.throws-undefined',
    'fault.throws-a-hostile-proxy',
    'fault.returns-a-rejecting-thenable',
  ])('answers 500 handler_failed, and nothing more, when the handler does %s', async (type) => {
    expect(await answer(event(type))).toEqual([500, '{"error":"handler_failed"}']);
    expect(reported.at(-1)).toBe('handler_failed');
  });

  it.each(['fault.returns-a-number', 'fault.returns-a-thenable'])(
    'answers 200 when the handler does %s',
    async (type) => {
      expect(await answer(event(type))).toEqual(RECEIVED);
    },
  );

  it('keeps its answers when onError throws (400) or rejects (500)', async () => {
    expect(await answer('{not json')).toEqual([
      400,
      expect.stringContaining('"error":"invalid_json"'),
    ]);
    expect(await answer(event('fault.throws'))).toEqual([500, '{"error":"handler_failed"}']);
    expect(reported.slice(-2)).toEqual(['invalid_json', 'handler_failed']);
  });

  it('answers 500 handler_timeout once handlerTimeoutMs passed to a handler that hangs', async () => {
    const started = performance.now();
    expect(await answer(event('fault.hangs'))).toEqual(TIMED_OUT);
    // Timers may fire up to a millisecond early against performance.now().
    expect(performance.now() - started).toBeGreaterThanOrEqual(HANDLER_TIMEOUT_MS - 1);
    expect(reported.at(-1)).toBe('handler_timeout');
    expect(await answer(event('ping'))).toEqual(RECEIVED);
  });

  it('serves other requests while 20 handlers hang, then answers each of those 500 handler_timeout', async () => {
    const hanging = Array.from({ length: 20 }, () => answer(event('fault.hangs')));
    const meanwhile = await Promise.all(Array.from({ length: 20 }, () => answer(event('ping'))));
    expect(meanwhile).toEqual(Array(20).fill(RECEIVED));
    expect(await Promise.all(hanging)).toEqual(Array(20).fill(TIMED_OUT));
  });

  it('survives a client that gives up before the time limit answers it', async () => {
    const before = reported.length;
    const request = post(event('fault.hangs'), AbortSignal.timeout(HANDLER_TIMEOUT_MS / 4));
    expect(
      await request.then(
        () => 'answered',
        (error: Error) => error.name,
      ),
    ).toBe('TimeoutError');
    // The time-out answer then goes to a closed connection; the adapter must not throw on it.
    await expect.poll(() => reported.slice(before)).toEqual(['handler_timeout']);
    await sleep(50);
  });

  it('finishes the handler of a client that left before the answer, and writes nowhere', async () => {
    const before = handled.length;
    const abandoned = new AbortController();
    const request = post(event('fault.waits'), abandoned.signal).catch(
      (error: Error) => error.name,
    );
    await expect.poll(() => handled.length).toBe(before + 1);
    abandoned.abort();
    expect(await request).toBe('AbortError');
    releaseSlow();
    // The handler's promise settles after its socket closed; the adapter must not throw on it.
    await sleep(50);
    expect(handled.at(-1)).toBe('fault.waits');
  });
});

describe.each([
  ['express 5', startExpress('express5', 'none')],
  ['express 4', startExpress('express4', 'none')],
])('the %s adapter when a handler answers the request itself', (_, start) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await start({
      on: {
        '*': (_event, ctx) => {
          // A mistake users make: answering through Express's own response object.
          (ctx.request as { res: { status(code: number): { end(): void } } }).res.status(202).end();
        },
      },
    });
  });
  afterAll(() => server.close());

  it('keeps the first answer and raises nothing the process would die of', async () => {
    const response = await fetch(server.url, { method: 'POST', body: event('ping') });
    expect(response.status).toBe(202);
    await sleep(50);
    expect(crashes).toEqual([]);
  });
});
