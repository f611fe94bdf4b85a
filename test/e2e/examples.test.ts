/**
 * The apps under examples/, each copied to a scratch folder with the packed package installed,
 * started the way their README says, and sent one event signed by Svix: Express and Hono as
 * `node server.js`, the Cloudflare Worker bundled as wrangler would and run by workerd through
 * miniflare. examples/next is built and served by next.test.ts, inside the app it builds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  childEnv,
  copyApp,
  ensureBuilt,
  installTarball,
  makeWorkDir,
  newSecret,
  packPackage,
  poll,
  type Reply,
  readFixture,
  removeWorkDir,
  repoRoot,
  ServerProcess,
  send,
  svixHeaders,
} from './support';

const secret = newSecret();
let workDir = '';
let tarball = '';

beforeAll(async () => {
  await ensureBuilt();
  workDir = makeWorkDir('examples-e2e');
  tarball = await packPackage(workDir);
}, 120_000);

afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

/** Copies examples/<name> to the scratch folder and installs the packed package into it. */
async function prepare(name: string): Promise<string> {
  const dir = join(workDir, name);
  copyApp(join(repoRoot, 'examples', name), dir);
  await installTarball(tarball, dir);
  return dir;
}

let deliveries = 0;
/** POSTs fixtures/<fixture> to `url`, signed by Svix with the examples' secret. */
function deliver(url: string, fixture: string): Promise<Reply> {
  const payload = readFixture(fixture);
  const id = `msg_e2e_examples_${++deliveries}`;
  return send(url, { body: payload, headers: svixHeaders(secret, payload, { id }) });
}

/** A Node example as `npm start` runs it, on the port the OS gave it (PORT=0). */
interface NodeExample {
  server: ServerProcess;
  origin: string;
}

async function startNodeExample(name: string): Promise<NodeExample> {
  const server = ServerProcess.start(process.execPath, ['server.js'], {
    cwd: await prepare(name),
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', VOICEFLOW_WEBHOOK_SECRET: secret }),
  });
  const [, origin = ''] = await server.waitForOutput(/Listening on (http:\/\/[\d.:]+)/);
  return { server, origin };
}

/** Starts the example before the tests of the enclosing describe block and stops it after them. */
function useNodeExample(name: string): () => NodeExample {
  let example: NodeExample | undefined;
  beforeAll(async () => {
    example = await startNodeExample(name);
  }, 60_000);
  afterAll(() => example?.server.stop());
  return () => {
    if (example === undefined) throw new Error(`examples/${name} did not start`);
    return example;
  };
}

/** Delivers a fixture to a running Node example and waits for its handler to log `logged`. */
async function deliverAndAwaitLog(
  { server, origin }: NodeExample,
  path: string,
  fixture: string,
  logged: RegExp,
): Promise<Reply> {
  const since = server.output.length;
  const reply = await deliver(`${origin}${path}`, fixture);
  if (reply.status === 200) await server.waitForOutput(logged, since, 10_000);
  return reply;
}

describe('examples/express, an Express 5 app', () => {
  const example = useNodeExample('express');

  it.each([
    ['without a body parser', '/webhooks/voiceflow'],
    ['behind express.json()', '/api/webhooks/voiceflow'],
  ])(
    'answers 200 {"received":true} to a signed event %s, and its handler logs it',
    async (_, path) => {
      const reply = await deliverAndAwaitLog(
        example(),
        path,
        'valid/call-start-twilio-inbound.json',
        /Call started from \+19876543210 to \+17782006110/,
      );

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ received: true });
    },
  );
});

describe('examples/hono, a Hono 4 app on @hono/node-server', () => {
  const example = useNodeExample('hono');

  it('answers 200 {"received":true} to a signed event, and its handler logs it', async () => {
    const { data } = JSON.parse(readFixture('valid/session-end.json'));
    const reply = await deliverAndAwaitLog(
      example(),
      '/webhooks/voiceflow',
      'valid/session-end.json',
      new RegExp(`Session ${data.sessionID} lasted ${data.endTime - data.startTime} ms`),
    );

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
  });
});

describe('examples/cloudflare-worker, a module Worker under workerd (miniflare)', () => {
  let worker: Miniflare | undefined;
  let origin = '';
  let logged = '';

  beforeAll(async () => {
    const dir = await prepare('cloudflare-worker');
    const config = JSON.parse(readFileSync(join(dir, 'wrangler.json'), 'utf8')) as {
      main: string;
      compatibility_date: string;
    };
    // Bundled as wrangler bundles a Worker: ESM, the workerd/worker/browser export conditions,
    // and the runtime's own cloudflare:* modules left to workerd.
    const bundle = await build({
      entryPoints: [join(dir, config.main)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      external: ['cloudflare:*'],
      logLevel: 'silent',
    });
    worker = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: config.compatibility_date,
      bindings: { VOICEFLOW_WEBHOOK_SECRET: secret },
      host: '127.0.0.1',
      port: 0,
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        for (const stream of [stdout, stderr]) stream.on('data', (chunk) => (logged += chunk));
      },
    });
    origin = (await worker.ready).origin;
  }, 60_000);
  afterAll(() => worker?.dispose());

  it('answers 200 {"received":true} to a signed event without nodejs_compat, and its handler logs it', async () => {
    const reply = await deliver(`${origin}/`, 'valid/call-end-web-voice.json');

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ received: true });
    await poll(
      () => (logged.includes('web-voice call ended: end trace') ? true : undefined),
      10_000,
      () => `the Worker logged no call end:\n${logged}`,
    );
  });

  it('answers 401 invalid_signature to an unsigned event', async () => {
    const reply = await send(`${origin}/`, { body: readFixture('valid/call-end-web-voice.json') });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'invalid_signature' });
  });
});
