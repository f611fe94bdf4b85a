import { Webhook as SvixWebhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../../src/http/index';
import { signPayload } from '../../../src/signature/index';
import { callEndWith, OTHER_SECRET, SECRET } from '../../http/support';
import { type FixtureFile, readFixtures } from '../../support/fixtures';
import { type Sent, send } from './http';
import { HANDLER_SECRET, Recorder, type Seen } from './recorder';
import type { RunningServer, StartServer } from './servers';

/**
 * What reaches the webhook in a given setup. Express's `express.json()` answers bodies that are
 * not a JSON object or array itself, and keeps no bytes, so rows that need them are skipped there.
 */
export type Capability = 'any-body' | 'exact-bytes' | 'counted-stream';

/** One way of serving the webhook: an adapter, possibly behind a framework's body parser. */
export interface Adapter {
  readonly name: string;
  readonly start: StartServer;
  readonly lacks?: readonly Capability[];
}

type ServerKind = 'plain' | 'signed';

/** One row of the status table: what is sent, and what must come back. */
interface Case {
  readonly name: string;
  readonly server: ServerKind;
  readonly needs?: readonly Capability[];
  /** The request; `id` is the delivery id the runner sends as `webhook-id`. */
  readonly request: (id: string) => Sent | Promise<Sent>;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Checks on what the handlers and onError saw for this delivery. */
  readonly seenThen?: (seen: readonly Seen[], sent: Sent) => void;
}

const RECEIVED = { received: true };
const callEnd = callEndWith({});

const by = (seen: readonly Seen[]): string[] => seen.map((entry) => entry.by).sort();

/** The parsed JSON of `text`, or `undefined` when it is not JSON. */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `express.json()` passes on only objects and arrays; it answers anything else itself. */
const parserPasses = (text: string): boolean =>
  typeof jsonOf(text) === 'object' && jsonOf(text) !== null;

function projectIDs(files: readonly FixtureFile[]): string[] {
  return files.flatMap((file) => {
    const project = (JSON.parse(file.raw) as { data?: { projectID?: unknown } }).data?.projectID;
    return typeof project === 'string' ? [project] : [];
  });
}

const fixtureCases = (): Case[] => [
  ...readFixtures('valid').map((file): Case => {
    const type = (JSON.parse(file.raw) as { type: string }).type;
    return {
      name: `answers 200 to ${file.name} once its handler and '*' ran, with the request's headers`,
      server: 'plain',
      request: () => ({ body: file.raw }),
      status: 200,
      body: RECEIVED,
      seenThen: (seen) => {
        expect(by(seen)).toEqual(['*', type].sort());
        for (const entry of seen) expect(entry.contentType).toMatch(/^application\/json/);
      },
    };
  }),
  ...readFixtures('unknown').map(
    (file): Case => ({
      name: `answers 200 to the unknown ${file.name} and passes it to onUnknownEvent and '*'`,
      server: 'plain',
      request: () => ({ body: file.raw }),
      status: 200,
      body: RECEIVED,
      seenThen: (seen) => expect(by(seen)).toEqual(['*', 'onUnknownEvent']),
    }),
  ),
  ...readFixtures('invalid').map((file): Case => {
    const code = jsonOf(file.raw) === undefined ? 'invalid_json' : 'invalid_event';
    const detail =
      code === 'invalid_json' ? { message: expect.any(String) } : { issues: expect.any(Array) };
    return {
      name: `answers 400 ${code} to ${file.name} and reports it to onError`,
      server: 'plain',
      needs: parserPasses(file.raw) ? [] : ['any-body'],
      request: () => ({ body: file.raw }),
      status: 400,
      body: { error: code, ...detail },
      seenThen: (seen) => expect(by(seen)).toEqual([`onError:${code}`]),
    };
  }),
];

const oversized = callEndWith({ padding: 'x'.repeat(64 * 1024) });

const statusCases = (): Case[] => [
  {
    name: 'answers 405 with Allow: POST to a GET',
    server: 'plain',
    request: () => ({ method: 'GET' }),
    status: 405,
    body: { error: 'method_not_allowed' },
    headers: { allow: 'POST' },
  },
  {
    name: 'answers 405 with Allow: POST to a PUT of a valid event',
    server: 'plain',
    request: () => ({ method: 'PUT', body: callEnd }),
    status: 405,
    body: { error: 'method_not_allowed' },
    headers: { allow: 'POST' },
    seenThen: (seen) => expect(by(seen)).toEqual(['onError:method_not_allowed']),
  },
  {
    name: 'answers 413 to a body whose Content-Length exceeds maxBodyBytes',
    server: 'plain',
    request: () => ({ body: oversized }),
    status: 413,
    body: { error: 'payload_too_large' },
    seenThen: (seen) => expect(by(seen)).toEqual(['onError:payload_too_large']),
  },
  {
    name: 'answers 413 to a chunked body that grows past maxBodyBytes',
    server: 'plain',
    needs: ['counted-stream'],
    request: () => ({ body: oversized, chunked: true }),
    status: 413,
    body: { error: 'payload_too_large' },
  },
  {
    name: 'answers 200 to a chunked body within maxBodyBytes',
    server: 'plain',
    request: () => ({ body: callEnd, chunked: true }),
    status: 200,
    body: RECEIVED,
  },
  {
    name: 'answers 403 to an event of a project outside the projectID allowlist',
    server: 'plain',
    request: () => ({ body: callEndWith({}, { projectID: 'someone-elses-project' }) }),
    status: 403,
    body: { error: 'project_not_allowed' },
    seenThen: (seen) => expect(by(seen)).toEqual(['onError:project_not_allowed']),
  },
  ...(['throw', 'reject'] as const).map(
    (behaviour): Case => ({
      name: `answers 500 handler_failed, without the message, when a handler ${behaviour}s`,
      server: 'plain',
      request: () => ({ body: callEndWith({ test: behaviour }) }),
      status: 500,
      body: { error: 'handler_failed' },
      seenThen: (seen) => {
        const failure = seen.find((entry) => entry.by === 'onError:handler_failed');
        expect(failure?.cause).toEqual(new Error(HANDLER_SECRET));
      },
    }),
  ),
  {
    name: 'answers only after a slow async handler finished',
    server: 'plain',
    request: () => ({ body: callEndWith({ test: 'slow' }) }),
    status: 200,
    body: RECEIVED,
    seenThen: (seen) => expect(by(seen)).toEqual(['*', 'runtime.call.end']),
  },
  {
    name: 'gives handlers the delivery id and the body exactly as sent',
    server: 'plain',
    needs: ['exact-bytes'],
    request: () => ({ body: ` ${callEnd.replace('{', '{  ')}\n` }),
    status: 200,
    body: RECEIVED,
    seenThen: (seen, sent) =>
      expect(seen.map((entry) => entry.rawBody)).toEqual([sent.body, sent.body]),
  },
  {
    name: 'gives onError the raw body of a 400',
    server: 'plain',
    needs: ['exact-bytes'],
    request: () => ({ body: '{ "type": "runtime.call.end", "data": { "lost": "not" } }' }),
    status: 400,
    body: { error: 'invalid_event', issues: expect.any(Array) },
    seenThen: (seen, sent) => expect(seen.map((entry) => entry.rawBody)).toEqual([sent.body]),
  },
];

async function signed(
  body: string,
  id: string,
  options: { secret?: string; timestamp?: number } = {},
): Promise<Sent> {
  const headers = await signPayload({
    payload: body,
    id,
    secret: options.secret ?? SECRET,
    ...options,
  });
  return { body, headers };
}

const unsigned = (body: string) => (id: string) => ({ body, headers: { 'webhook-id': id } });
const minutesAgo = (minutes: number): number => Math.floor(Date.now() / 1000) - minutes * 60;

const refusedSignatures: [string, Case['request'], Capability[]][] = [
  ['an unsigned event', unsigned(callEnd), []],
  [
    'an event signed with another secret',
    (id) => signed(callEnd, id, { secret: OTHER_SECRET }),
    [],
  ],
  ['a signature ten minutes old', (id) => signed(callEnd, id, { timestamp: minutesAgo(10) }), []],
  [
    'a signed body that was altered',
    async (id) => ({ ...(await signed(callEnd, id)), body: `${callEnd} ` }),
    [],
  ],
  ['unsigned text that is not JSON', unsigned('not json'), ['any-body']],
];

const signatureCases = (): Case[] => [
  {
    name: 'answers 200 to a correctly signed event',
    server: 'signed',
    needs: ['exact-bytes'],
    request: (id) => signed(callEnd, id),
    status: 200,
    body: RECEIVED,
  },
  {
    name: 'verifies the signature on the exact bytes received, whitespace and all',
    server: 'signed',
    needs: ['exact-bytes'],
    request: (id) => signed(`\n${callEnd.replaceAll(',', ' ,\t')} `, id),
    status: 200,
    body: RECEIVED,
  },
  {
    name: 'answers 200 to an event signed by the svix package under svix-* headers',
    server: 'signed',
    needs: ['exact-bytes'],
    request: (id) => {
      const now = new Date();
      const headers = {
        'svix-id': id,
        'svix-timestamp': String(Math.floor(now.getTime() / 1000)),
        'svix-signature': new SvixWebhook(SECRET).sign(id, now, callEnd),
      };
      return { body: callEnd, headers };
    },
    status: 200,
    body: RECEIVED,
  },
  ...refusedSignatures.map(
    ([what, request, needs]): Case => ({
      name: `answers 401 invalid_signature to ${what}`,
      server: 'signed',
      needs: ['exact-bytes', ...needs],
      request,
      status: 401,
      body: { error: 'invalid_signature' },
      seenThen: (seen) => expect(by(seen)).toEqual(['onError:invalid_signature']),
    }),
  ),
];

/** Starts one server per kind of options, each with its own recorder. */
function servers(adapter: Adapter, extra: Partial<Record<ServerKind, object>>) {
  const running = new Map<ServerKind, { server: RunningServer; recorder: Recorder }>();
  beforeAll(async () => {
    for (const kind of ['plain', 'signed'] as const) {
      const recorder = new Recorder();
      running.set(kind, { server: await adapter.start(recorder.options(extra[kind])), recorder });
    }
  });
  afterAll(async () => {
    for (const { server } of running.values()) await server.close();
  });
  return (kind: ServerKind) => running.get(kind)!;
}

let deliveries = 0;
const nextId = (): string => `msg_contract_${++deliveries}`;

/**
 * Runs the whole status table against one adapter over real HTTP: every fixture, every status,
 * the context, onError and the signature rows.
 */
export function describeContract(adapter: Adapter): void {
  describe(`${adapter.name} answers the status table over HTTP`, () => {
    const allowlist = projectIDs([...readFixtures('valid'), ...readFixtures('unknown')]);
    const server = servers(adapter, {
      plain: { projectID: allowlist },
      signed: { secret: SECRET },
    });
    const rows = [...fixtureCases(), ...statusCases(), ...signatureCases()].filter(
      (row) => !row.needs?.some((capability) => adapter.lacks?.includes(capability)),
    );

    it.each(rows)('$name', async (row) => {
      const { server: running, recorder } = server(row.server);
      const id = nextId();
      const sent = await row.request(id);
      const headers = { 'webhook-id': id, ...sent.headers };
      const answer = await send(running.url, { ...sent, headers });
      expect(answer.status).toBe(row.status);
      expect(JSON.parse(answer.text)).toEqual(row.body);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.text).not.toContain(HANDLER_SECRET);
      for (const [name, value] of Object.entries(row.headers ?? {})) {
        expect(answer.headers.get(name)).toBe(value);
      }
      row.seenThen?.(recorder.of(id), { ...sent, headers });
    });
  });
}

/**
 * Runs the idempotency rows against one adapter with the store `createStore` makes: a delivery
 * sent twice runs once, a failed one runs again, a concurrent duplicate gets 409.
 */
export function describeIdempotency(
  adapter: Adapter,
  store: string,
  createStore: () => IdempotencyStore,
): void {
  describe(`${adapter.name} runs each delivery once with ${store}`, () => {
    const recorder = new Recorder();
    let running: RunningServer;
    beforeAll(async () => {
      running = await adapter.start(recorder.options({ idempotency: createStore() }));
    });
    afterAll(() => running.close());

    const post = (id: string, body = callEnd) =>
      send(running.url, { body, headers: { 'webhook-id': id } });

    it('runs the handlers once for a delivery sent twice, answering 200 both times', async () => {
      const id = nextId();
      expect((await post(id)).status).toBe(200);
      const duplicate = await post(id);
      expect(duplicate.status).toBe(200);
      expect(JSON.parse(duplicate.text)).toEqual({ received: true, duplicate: true });
      expect(by(recorder.of(id))).toEqual(['*', 'runtime.call.end']);
    });

    it('runs the handlers again when the sender retries a delivery whose handler failed', async () => {
      const id = nextId();
      const body = callEndWith({ test: 'fail-once' });
      expect((await post(id, body)).status).toBe(500);
      expect((await post(id, body)).status).toBe(200);
      expect((await post(id, body)).status).toBe(200);
      expect(by(recorder.of(id))).toEqual([
        '*',
        'onError:handler_failed',
        'runtime.call.end',
        'runtime.call.end',
      ]);
    });

    it('answers 409 with Retry-After to a duplicate sent while the first attempt is in flight', async () => {
      const id = nextId();
      const body = callEndWith({ test: 'slow' });
      const answers = await Promise.all([post(id, body), post(id, body)]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 409]);
      const conflict = answers.find((answer) => answer.status === 409)!;
      expect(JSON.parse(conflict.text)).toEqual({ error: 'delivery_in_progress' });
      expect(conflict.headers.get('retry-after')).toBe('10');
    });
  });
}
