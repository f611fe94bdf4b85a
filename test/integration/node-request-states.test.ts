import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { voiceflowWebhook } from '../../src/adapters/node/index';
import { fixtureText } from '../http/support';
import { send } from './support/http';

const BODY = fixtureText('call-end-twilio-inbound');

/**
 * A node:http server whose listener first does `before` to the request (as an earlier middleware
 * might), then hands it to the webhook, recording the codes onError saw and each call's promise.
 */
async function serve(before: (req: IncomingMessage) => Promise<unknown> | unknown) {
  const codes: string[] = [];
  const calls: Promise<void>[] = [];
  const webhook = voiceflowWebhook({ onError: (error) => void codes.push(error.code) });
  const server = createServer(async (req, res) => {
    await before(req);
    calls.push(webhook(req, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  servers.push(server);
  return { codes, calls, port, url: `http://127.0.0.1:${port}/webhooks/voiceflow` };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

const post = (url: string) => send(url, { body: BODY });

describe('the node adapter with a request an earlier middleware touched', () => {
  it('reads a request that was paused explicitly', async () => {
    const { url } = await serve(async (req) => {
      req.pause();
      await sleep(20);
    });
    expect((await post(url)).status).toBe(200);
  });

  it('answers 500 raw_body_unavailable to a body something else began to read', async () => {
    const { url, codes } = await serve(async (req) => {
      await once(req, 'readable');
      req.read(10);
    });
    const { status, text } = await post(url);
    expect([status, JSON.parse(text).error]).toEqual([500, 'raw_body_unavailable']);
    expect(codes).toEqual(['raw_body_unavailable']);
  });

  it('settles at once, with body_unreadable, for a request aborted before the webhook ran', async () => {
    // Waiting for `close` without an `error` listener, as a middleware unaware of the abort would.
    const closed = (req: IncomingMessage) => new Promise((resolve) => req.once('close', resolve));
    const { port, codes, calls } = await serve(closed);
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /webhooks/voiceflow HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"ty',
    );
    await sleep(50);
    socket.destroy();
    await expect.poll(() => calls.length, { timeout: 2_000 }).toBe(1);
    const settled = await Promise.race([calls[0]!.then(() => 'settled'), sleep(1_000, 'pending')]);
    expect(settled).toBe('settled');
    expect(codes).toEqual(['body_unreadable']);
  });
});
