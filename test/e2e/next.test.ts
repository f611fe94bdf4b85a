/**
 * `voiceflow-webhooks/next` in a real Next.js 16 production server: test/e2e/next-app and the
 * route of examples/next are copied to a scratch folder, given the packed package, built with
 * `next build` and served by `next start` on 127.0.0.1. Every row of the status table in
 * DESIGN.md ("Adapters") is exercised over loopback.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sighting } from './next-app/lib/record';
import {
  childEnv,
  copyApp,
  ensureBuilt,
  fixtureNames,
  freePort,
  installTarball,
  makeWorkDir,
  newSecret,
  packPackage,
  type Reply,
  readFixture,
  removeWorkDir,
  repoRoot,
  run,
  ServerProcess,
  send,
  sendChunked,
  svixHeaders,
} from './support';

/** As set in next-app/app/api/webhooks/voiceflow/route.ts. */
const maxBodyBytes = 16_384;
const secret = newSecret();

const routes = {
  main: '/api/webhooks/voiceflow',
  signed: '/api/webhooks/signed',
  failing: '/api/webhooks/failing',
  example: '/example/api/webhooks/voiceflow',
} as const;

let workDir = '';
let recordFile = '';
let origin = '';
let server: ServerProcess | undefined;

beforeAll(async () => {
  await ensureBuilt();
  workDir = makeWorkDir('next-e2e');
  const appDir = join(workDir, 'app');
  copyApp(join(repoRoot, 'test/e2e/next-app'), appDir);
  // The example's route joins the same app under /example, so one `next build` serves both.
  copyApp(join(repoRoot, 'examples/next/app'), join(appDir, 'app/example'));
  await installTarball(await packPackage(workDir), appDir);

  recordFile = join(workDir, 'sightings.jsonl');
  const env = childEnv({
    NEXT_TELEMETRY_DISABLED: '1',
    // Under CI, Next.js reports a missing package instead of trying to install it.
    CI: '1',
    VOICEFLOW_WEBHOOK_SECRET: secret,
    E2E_RECORD_FILE: recordFile,
  });
  const next = createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
  await run(process.execPath, [next, 'build'], { cwd: appDir, env, timeoutMs: 150_000 });

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = ServerProcess.start(
    process.execPath,
    [next, 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: appDir, env },
  );
  await server.waitForHttp(`${origin}${routes.main}`);
}, 200_000);

afterAll(async () => {
  await server?.stop();
  if (workDir !== '') removeWorkDir(workDir);
});

let deliveries = 0;
/** A fresh `webhook-id`, by which the test finds what the handlers saw of that request. */
const newDeliveryId = (): string => `msg_e2e_next_${++deliveries}`;

/** POSTs `body` to `path` as JSON, tagged with a delivery id. */
const post = (path: string, body: BodyInit, id = newDeliveryId()): Promise<Reply> =>
  send(`${origin}${path}`, {
    body,
    headers: { 'content-type': 'application/json', 'webhook-id': id },
  });

/** What the route handlers recorded for one delivery (see next-app/lib/record.ts). */
function sightingsOf(deliveryId: string): Sighting[] {
  return readFileSync(recordFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Sighting)
    .filter((sighting) => sighting.deliveryId === deliveryId);
}

/** The callbacks that saw one delivery, with what they were told, less the bookkeeping. */
const hooksOf = (deliveryId: string): Omit<Sighting, 'route' | 'deliveryId'>[] =>
  sightingsOf(deliveryId).map(({ route: _route, deliveryId: _id, ...rest }) => rest);

/** `text` followed by spaces up to `bytes` bytes: still the same JSON, only bigger. */
const padTo = (text: string, bytes: number): string =>
  text + ' '.repeat(bytes - new TextEncoder().encode(text).length);

describe('a Next.js 16 App Router route made with voiceflowWebhook from voiceflow-webhooks/next', () => {
  it('answers 200 {"received":true} and hands the runtime.call.end handler the typed event as sent', async () => {
    const payload = readFixture('valid/call-end-twilio-inbound.json');
    const id = newDeliveryId();
    const reply = await post(routes.main, payload, id);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
    const event = JSON.parse(payload);
    expect(sightingsOf(id)).toContainEqual({
      route: 'voiceflow',
      hook: 'runtime.call.end',
      deliveryId: id,
      event,
      durationMs: event.data.endTime - event.data.startTime,
    });
  });

  it.each([
    ...fixtureNames('valid').map((name) => [`valid/${name}`, '*']),
    ...fixtureNames('unknown').map((name) => [`unknown/${name}`, 'onUnknownEvent']),
  ])('answers 200 to %s and hands it to %s unchanged', async (fixture, hook) => {
    const payload = readFixture(fixture);
    const id = newDeliveryId();
    const reply = await post(routes.main, payload, id);

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
    expect(sightingsOf(id)).toContainEqual(
      expect.objectContaining({ hook, event: JSON.parse(payload) }),
    );
  });

  it.each(['GET', 'PUT'])(
    'answers %s with 405, Allow: POST and method_not_allowed',
    async (method) => {
      const reply = await send(`${origin}${routes.main}`, {
        method,
        ...(method === 'PUT' ? { body: readFixture('valid/session-start.json') } : {}),
      });

      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('POST');
      expect(reply.body).toEqual({ error: 'method_not_allowed' });
    },
  );

  it('leaves a method the route file does not export to Next.js, which answers a bare 405', async () => {
    const reply = await send(`${origin}${routes.signed}`, { method: 'GET' });

    expect(reply.status).toBe(405);
    expect(reply.text).toBe('');
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const payload = padTo(readFixture('valid/session-start.json'), maxBodyBytes);
    const reply = await post(routes.main, payload);

    expect(reply.status).toBe(200);
  });

  it('answers 413 payload_too_large when the body exceeds maxBodyBytes', async () => {
    const payload = padTo(readFixture('valid/session-start.json'), maxBodyBytes + 1);
    const reply = await post(routes.main, payload);

    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ error: 'payload_too_large' });
  });

  it('answers 413 to a chunked body over maxBodyBytes, then answers the next request on that connection', async () => {
    // One kept-alive connection: if the server left the rest of the body unread on it, the next
    // request would be parsed from the middle of that rest, and never answered.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const spaces = Array.from({ length: 4 * 16 }, () => ' '.repeat(maxBodyBytes / 16));
      const refused = await sendChunked(`${origin}${routes.main}`, spaces, agent);
      const payload = readFixture('valid/session-start.json');
      const next = await sendChunked(`${origin}${routes.main}`, [payload], agent);

      expect(refused.status).toBe(413);
      expect(refused.body).toEqual({ error: 'payload_too_large' });
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it.each(fixtureNames('invalid').filter((name) => /^(empty-body|not-json)/.test(name)))(
    'answers 400 invalid_json with a message to invalid/%s',
    async (name) => {
      const id = newDeliveryId();
      const reply = await post(routes.main, readFixture(`invalid/${name}`), id);

      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: 'invalid_json', message: expect.any(String) });
      expect(hooksOf(id)).toEqual([{ hook: 'onError', code: 'invalid_json', status: 400 }]);
    },
  );

  it.each(fixtureNames('invalid').filter((name) => !/^(empty-body|not-json)/.test(name)))(
    'answers 400 invalid_event with the issues to invalid/%s',
    async (name) => {
      const id = newDeliveryId();
      const reply = await post(routes.main, readFixture(`invalid/${name}`), id);

      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        error: 'invalid_event',
        issues: expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]),
      });
      expect(hooksOf(id)).toEqual([{ hook: 'onError', code: 'invalid_event', status: 400 }]);
    },
  );

  it('answers 403 project_not_allowed to an event of a project outside projectID', async () => {
    const event = JSON.parse(readFixture('valid/call-end-twilio-inbound.json'));
    event.data.projectID = '000000000000000000000000';
    const id = newDeliveryId();
    const reply = await post(routes.main, JSON.stringify(event), id);

    expect(reply.status).toBe(403);
    expect(reply.body).toEqual({ error: 'project_not_allowed' });
    expect(hooksOf(id)).toEqual([{ hook: 'onError', code: 'project_not_allowed', status: 403 }]);
  });

  it('answers 500 handler_failed, and nothing of the error, when a handler throws', async () => {
    const id = newDeliveryId();
    const reply = await post(routes.failing, readFixture('valid/session-end.json'), id);

    expect(reply.status).toBe(500);
    expect(reply.text).toBe('{"error":"handler_failed"}');
    expect(sightingsOf(id)).toEqual([
      {
        route: 'failing',
        hook: 'onError',
        deliveryId: id,
        code: 'handler_failed',
        cause: expect.stringContaining('hunter2'),
      },
    ]);
  });
});

describe('a Next.js route made with voiceflowWebhook({ secret })', () => {
  const payload = readFixture('valid/call-start-twilio-inbound.json');

  it('answers 200 to a delivery signed by Svix with the secret, and passes on its webhook-id', async () => {
    const id = newDeliveryId();
    const reply = await send(`${origin}${routes.signed}`, {
      body: payload,
      headers: svixHeaders(secret, payload, { id }),
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
    expect(sightingsOf(id)).toEqual([
      { route: 'signed', hook: '*', deliveryId: id, type: 'runtime.call.start' },
    ]);
  });

  it('answers 401 invalid_signature to an unsigned delivery', async () => {
    const reply = await post(routes.signed, payload);

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_signature' });
  });

  it('answers 401 invalid_signature to a delivery signed with another secret', async () => {
    const reply = await send(`${origin}${routes.signed}`, {
      body: payload,
      headers: svixHeaders(newSecret(), payload, { id: newDeliveryId() }),
    });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_signature' });
  });

  it('answers 401 invalid_signature to a delivery signed ten minutes ago', async () => {
    const sentAt = new Date(Date.now() - 10 * 60 * 1000);
    const reply = await send(`${origin}${routes.signed}`, {
      body: payload,
      headers: svixHeaders(secret, payload, { id: newDeliveryId(), sentAt }),
    });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_signature' });
  });

  it('answers 401 to a signed body altered on the way', async () => {
    const reply = await send(`${origin}${routes.signed}`, {
      body: payload.replace('inbound', 'outbound'),
      headers: svixHeaders(secret, payload, { id: newDeliveryId() }),
    });

    expect(reply.status).toBe(401);
  });
});

describe('examples/next', () => {
  it('answers 200 {"received":true} to a signed valid fixture', async () => {
    const payload = readFixture('valid/call-end-web-voice.json');
    const reply = await send(`${origin}${routes.example}`, {
      body: payload,
      headers: svixHeaders(secret, payload, { id: newDeliveryId() }),
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
  });
});
