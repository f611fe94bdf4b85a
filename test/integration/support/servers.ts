import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import express4 from 'express4';
import { Hono } from 'hono';
import { voiceflowWebhook as expressWebhook } from '../../../src/adapters/express/index';
import { voiceflowWebhook as honoWebhook } from '../../../src/adapters/hono/index';
import { voiceflowWebhook as nextWebhook } from '../../../src/adapters/next/index';
import { voiceflowWebhook as nodeWebhook } from '../../../src/adapters/node/index';
import { voiceflowWebhook as webWebhook } from '../../../src/adapters/web/index';
import type { VoiceflowWebhookOptions } from '../../../src/http/index';

/** Where the webhook of a running test server answers, and how to stop the server. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an OS-assigned port whose webhook uses `options`. */
export type StartServer = (options: VoiceflowWebhookOptions) => Promise<RunningServer>;

/** How an Express app reads bodies before the webhook route. */
export type ExpressBodyMode = 'none' | 'raw' | 'text' | 'json' | 'json-raw-body';

export const WEBHOOK_PATH = '/webhooks/voiceflow';

async function listen(server: Server): Promise<RunningServer> {
  if (!server.listening) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A node:http server whose only route is the webhook. */
export const startNode: StartServer = (options) => {
  const webhook = nodeWebhook(options);
  return listen(
    createServer((req, res) => {
      if (req.url === WEBHOOK_PATH) return void webhook(req, res);
      res.writeHead(404).end();
    }),
  );
};

/** A fetch handler served by @hono/node-server, Node's own HTTP server underneath. */
function startFetch(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<RunningServer> {
  return listen(serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server);
}

export const startWeb: StartServer = (options) => startFetch(webWebhook(options));

export const startNext: StartServer = (options) => startFetch(nextWebhook(options));

function honoApp(options: VoiceflowWebhookOptions): Hono {
  const app = new Hono();
  app.all(WEBHOOK_PATH, honoWebhook(options));
  return app;
}

/** Hono on @hono/node-server, which hands the Node request to the app as `c.env.incoming`. */
export const startHono: StartServer = (options) => startFetch(honoApp(options).fetch);

/**
 * The same app called with the `Request` alone, as on runtimes without a Node request (Bun,
 * Deno, Workers), so the adapter reads the web `Request`.
 */
export const startHonoOverFetch: StartServer = (options) => {
  const app = honoApp(options);
  return startFetch((request) => app.fetch(request));
};

const keepRawBody = (req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, buf: Buffer) => {
  req.rawBody = buf;
};

/** The body parsers of each mode, as a README would show them for the webhook route. */
function parsers(framework: typeof express, mode: ExpressBodyMode): express.RequestHandler[] {
  const json = { type: 'application/json' };
  switch (mode) {
    case 'none':
      return [];
    case 'raw':
      return [framework.raw(json)];
    case 'text':
      return [framework.text(json)];
    case 'json':
      return [framework.json()];
    case 'json-raw-body':
      return [framework.json({ verify: keepRawBody })];
  }
}

/** An Express app (4 or 5) with the webhook mounted on every method after `mode`'s parser. */
export function startExpress(
  framework: 'express4' | 'express5',
  mode: ExpressBodyMode,
): StartServer {
  const create = (framework === 'express4' ? express4 : express) as typeof express;
  return (options) => {
    const app = create();
    for (const parser of parsers(create, mode)) app.use(parser);
    app.all(WEBHOOK_PATH, expressWebhook(options));
    return listen(createServer(app));
  };
}
