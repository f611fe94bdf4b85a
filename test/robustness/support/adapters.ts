import {
  type StartServer,
  startExpress,
  startHono,
  startNext,
  startNode,
  startWeb,
} from '../../integration/support/servers';

/**
 * Every adapter, each served over real HTTP on 127.0.0.1: node:http, the web and Next.js
 * handlers and Hono on @hono/node-server, Express 5 and 4 without a body parser. Hono and
 * Express mount the webhook on every method, so that the adapter (not the router) answers
 * other methods.
 */
export const EVERY_ADAPTER: Readonly<Record<string, StartServer>> = {
  node: startNode,
  web: startWeb,
  next: startNext,
  hono: startHono,
  'express 5': startExpress('express5', 'none'),
  'express 4': startExpress('express4', 'none'),
};
