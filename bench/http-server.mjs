/**
 * One server for target 5, run as a child process so the load generator does not share its
 * thread: `node bench/http-server.mjs <framework> <bare|ours>`. It listens on 127.0.0.1 with an
 * OS-assigned port, sends `{ port }` to the parent over IPC, and exits when the parent asks.
 *
 * "bare" parses the JSON body the framework's usual way and answers 200 `{"received":true}`;
 * "ours" mounts this package's adapter with a no-op handler for every event.
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import express5 from 'express';
import express4 from 'express4';
import { Hono } from 'hono';
import { voiceflowWebhook as expressWebhook } from '../dist/runtime-node/express/index.js';
import { voiceflowWebhook as honoWebhook } from '../dist/runtime-node/hono/index.js';
import { voiceflowWebhook as nodeWebhook } from '../dist/runtime-node/node/index.js';

export const PATH = '/webhooks/voiceflow';
const OPTIONS = { on: { '*': () => undefined } };
const RECEIVED = '{"received":true}';

function expressApp(express, variant) {
  const app = express();
  if (variant === 'bare') {
    app.post(PATH, express.json(), (_req, res) => res.status(200).json({ received: true }));
  } else {
    app.post(PATH, expressWebhook(OPTIONS));
  }
  return app;
}

function honoApp(variant) {
  const app = new Hono();
  if (variant === 'bare') {
    app.post(PATH, async (c) => {
      await c.req.json();
      return c.json({ received: true });
    });
  } else {
    app.post(PATH, honoWebhook(OPTIONS));
  }
  return app;
}

async function bareNode(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  JSON.parse(Buffer.concat(chunks).toString('utf8'));
  res.writeHead(200, { 'content-type': 'application/json' }).end(RECEIVED);
}

/** Starts the server and resolves with its port. */
function listen(framework, variant) {
  const listening = (server) =>
    new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  switch (framework) {
    case 'express':
      return listening(createServer(expressApp(express5, variant)));
    case 'express4':
      return listening(createServer(expressApp(express4, variant)));
    case 'node':
      return listening(createServer(variant === 'bare' ? bareNode : nodeWebhook(OPTIONS)));
    case 'hono':
      return new Promise((resolve) => {
        const app = honoApp(variant);
        serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
      });
    default:
      throw new Error(`unknown framework ${framework}`);
  }
}

const [framework, variant] = process.argv.slice(2);
const port = await listen(framework, variant);
process.send({ port });
process.on('message', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
