/**
 * Random requests through the web adapter (the web-standard core every adapter shares): any
 * method, headers, body, signature and options. Every answer must come from the documented
 * table, a 500 must mean a handler threw, and a 200 must mean the handlers got exactly what was
 * sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { voiceflowWebhook } from '../../src/adapters/web/index';
import type { VoiceflowEvent } from '../../src/core/index';
import { ERROR_STATUS } from '../../src/http/errors';
import type { VoiceflowWebhookOptions, WebhookRequestError } from '../../src/http/index';
import { signPayload } from '../../src/signature/index';
import { readFixtures } from '../support/fixtures';
import { sameSnapshot, snapshot } from './support/snapshot';

/** Every documented answer, by the `error` code of its body (or `received`), with its status. */
const DOCUMENTED: Readonly<Record<string, number>> = { received: 200, ...ERROR_STATUS };

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_Gty2dGnQ3e3JmTthMeLB4DVNQ9TcBi3t';
const ALLOWED_PROJECT = '6772da2e485189279fa5b9da';
/** A string a handler's error carries, which must never reach a response. */
const LEAK = 'internal-detail-7f3a';

type HandlerMode =
  | 'returns'
  | 'returns a value'
  | 'resolves'
  | 'throws'
  | 'rejects'
  | 'throws a non-error';

const FAILING_MODES: ReadonlySet<HandlerMode> = new Set([
  'throws',
  'rejects',
  'throws a non-error',
]);

interface Config {
  readonly secret: boolean;
  readonly projectID: boolean;
  readonly maxBodyBytes: number | undefined;
  readonly handler: HandlerMode;
  readonly onError: 'logs' | 'throws' | 'rejects';
}

type Signing = 'valid' | 'none' | 'wrong secret' | 'stale' | 'garbage';

interface Scenario {
  readonly config: Config;
  readonly method: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
  readonly signing: Signing;
}

/** What one request did: the answer, and what the handlers and onError saw. */
interface Observed {
  /** The method as the Request normalised it (`post` becomes `POST`, as the fetch spec says). */
  readonly method: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly allow: string | null;
  readonly body: string;
  readonly handled: { event: VoiceflowEvent; rawBody: string }[];
  readonly threw: boolean;
  readonly errors: WebhookRequestError[];
}

const encoder = new TextEncoder();

const fixtureBodies = [
  ...readFixtures('valid'),
  ...readFixtures('unknown'),
  ...readFixtures('invalid'),
].map(({ raw }) => raw);

const body: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fixtureBodies).map((text) => encoder.encode(text)) },
  fc.constantFrom(...fixtureBodies).map((text) => encoder.encode(`\uFEFF${text}`)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => encoder.encode(JSON.stringify(value))),
  fc.string({ unit: 'binary', maxLength: 100 }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 100 }),
  fc.integer({ min: 1_000, max: 70_000 }).map((size) => encoder.encode(`"${'x'.repeat(size)}"`)),
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('POST') },
  fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'post'),
  fc.stringMatching(/^[A-Z]{1,8}$/).filter((name) => !['CONNECT', 'TRACE', 'TRACK'].includes(name)),
);

/** Headers the Headers class accepts: no CR, LF or NUL, no surrounding whitespace. */
const isHeaderValue = (value: string): boolean =>
  /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value);

const header = fc.tuple(
  fc.oneof(
    fc.constantFrom('content-type', 'content-length', 'webhook-id', 'svix-id', 'user-agent'),
    fc.constantFrom('webhook-signature', 'webhook-timestamp', 'x-forwarded-for', 'cookie'),
    fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
  ),
  fc.oneof(
    fc.constantFrom('application/json', 'text/plain', '0', '999999999', '5', 'v1,AAAA', 'msg_1'),
    fc.string({ maxLength: 30 }).filter(isHeaderValue),
  ),
);

const config: fc.Arbitrary<Config> = fc.record({
  secret: fc.boolean(),
  projectID: fc.boolean(),
  maxBodyBytes: fc.option(fc.integer({ min: 1, max: 4_096 }), { nil: undefined, freq: 3 }),
  handler: fc.constantFrom<HandlerMode>(
    'returns',
    'returns a value',
    'resolves',
    'throws',
    'rejects',
    'throws a non-error',
  ),
  onError: fc.constantFrom<Config['onError']>('logs', 'throws', 'rejects'),
});

const scenario: fc.Arbitrary<Scenario> = fc.record({
  config,
  method,
  headers: fc.array(header, { maxLength: 4 }),
  body,
  signing: fc.constantFrom<Signing>('valid', 'valid', 'none', 'wrong secret', 'stale', 'garbage'),
});

async function signatureHeaders(
  signing: Signing,
  payload: Uint8Array,
): Promise<Record<string, string>> {
  const stale = Math.floor(Date.now() / 1000) - 3_600;
  switch (signing) {
    case 'none':
      return {};
    case 'garbage':
      return { 'webhook-id': 'msg_x', 'webhook-timestamp': 'soon', 'webhook-signature': 'v1,???' };
    case 'valid':
      return signPayload({ payload, secret: SECRET });
    case 'wrong secret':
      return signPayload({ payload, secret: OTHER_SECRET });
    case 'stale':
      return signPayload({ payload, secret: SECRET, timestamp: stale });
  }
}

/** Runs the handler the way its mode says, noting when it is about to fail. */
function handlerFor(mode: HandlerMode, onThrow: () => void): (event: VoiceflowEvent) => unknown {
  return () => {
    if (FAILING_MODES.has(mode)) onThrow();
    switch (mode) {
      case 'returns':
        return undefined;
      case 'returns a value':
        return 42;
      case 'resolves':
        return Promise.resolve('done');
      case 'throws':
        throw new Error(LEAK);
      case 'rejects':
        return Promise.reject(new Error(LEAK));
      case 'throws a non-error':
        throw LEAK;
    }
  };
}

function optionsFor(
  cfg: Config,
  seen: Pick<Observed, 'handled' | 'errors'>,
  markThrown: () => void,
): VoiceflowWebhookOptions<Request> {
  const handle = handlerFor(cfg.handler, markThrown);
  return {
    on: {
      '*': (event, ctx) => {
        seen.handled.push({ event, rawBody: ctx.rawBody });
        return handle(event);
      },
    },
    onError: (error) => {
      seen.errors.push(error);
      if (cfg.onError === 'throws') throw new Error(LEAK);
      if (cfg.onError === 'rejects') return Promise.reject(new Error(LEAK));
      return undefined;
    },
    ...(cfg.secret ? { secret: SECRET } : {}),
    ...(cfg.projectID ? { projectID: ALLOWED_PROJECT } : {}),
    ...(cfg.maxBodyBytes === undefined ? {} : { maxBodyBytes: cfg.maxBodyBytes }),
  };
}

async function send({
  config: cfg,
  method: verb,
  headers,
  body: bytes,
  signing,
}: Scenario): Promise<Observed> {
  const seen = { handled: [] as Observed['handled'], errors: [] as WebhookRequestError[] };
  let threw = false;
  const webhook = voiceflowWebhook(
    optionsFor(cfg, seen, () => {
      threw = true;
    }),
  );
  const requestHeaders = new Headers(
    headers.map(([name, value]): [string, string] => [name, value]),
  );
  for (const [name, value] of Object.entries(await signatureHeaders(signing, bytes))) {
    requestHeaders.set(name, value);
  }
  const hasBody = verb !== 'GET' && verb !== 'HEAD';
  const request = new Request('http://127.0.0.1/webhooks/voiceflow', {
    method: verb,
    headers: requestHeaders,
    // A copy, typed as backed by a plain ArrayBuffer as the fetch types want.
    ...(hasBody ? { body: bytes.slice() } : {}),
  });
  const response = await webhook(request);
  return {
    method: request.method,
    status: response.status,
    contentType: response.headers.get('content-type'),
    allow: response.headers.get('allow'),
    body: await response.text(),
    threw,
    ...seen,
  };
}

/** What the handlers must have received for a 200: the body's JSON, and its text unchanged. */
function deliveredAsSent(observed: Observed, bytes: Uint8Array): boolean {
  const [only, ...rest] = observed.handled;
  if (only === undefined || rest.length > 0) return false;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  return only.rawBody === text && sameSnapshot(snapshot(only.event), snapshot(json));
}

/** Every rule the answer to `input` breaks, in words. */
function violations(input: Scenario, observed: Observed): string[] {
  const found: string[] = [];
  const parsed = JSON.parse(observed.body) as { error?: string; received?: boolean };
  const code = parsed.received === true ? 'received' : String(parsed.error);
  if (DOCUMENTED[code] !== observed.status) found.push(`status ${observed.status} with ${code}`);
  if (observed.contentType !== 'application/json') found.push('not JSON');
  if ((observed.status === 500) !== observed.threw)
    found.push('500 if and only if a handler threw');
  if ((observed.status === 405) !== (observed.method !== 'POST'))
    found.push('405 if and only if not POST');
  if (observed.status === 405 && observed.allow !== 'POST') found.push('405 without Allow: POST');
  if (observed.status === 500 && observed.body !== '{"error":"handler_failed"}')
    found.push('500 leaks');
  if (observed.body.includes(LEAK)) found.push('the answer leaks a handler error');
  if (observed.status === 200 && !deliveredAsSent(observed, input.body))
    found.push('200 lost data');
  if (observed.status !== 200 && observed.status !== 500 && observed.handled.length > 0) {
    found.push('handlers ran for a refused request');
  }
  const reported = observed.errors.map((error) => [error.status, error.code]);
  const expected = observed.status === 200 ? [] : [[observed.status, code]];
  if (JSON.stringify(reported) !== JSON.stringify(expected))
    found.push('onError not called once per failure');
  return found;
}

const RUNS = 5_000;

describe('the web core under random requests', () => {
  it('answers every request from the documented table, 500 only when a handler threw', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        const observed = await send(input);
        statuses.set(observed.status, (statuses.get(observed.status) ?? 0) + 1);
        expect(violations(input, observed)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `http properties: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    // Every status must actually occur, or the property says nothing about it.
    expect([...statuses.keys()].sort((a, b) => a - b)).toEqual([200, 400, 401, 403, 405, 413, 500]);
  }, 60_000);
});
