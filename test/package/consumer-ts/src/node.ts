/** `voiceflow-webhooks/node`: a `node:http` request listener. */
import { createServer, type IncomingMessage } from 'node:http';
import { voiceflowWebhook } from 'voiceflow-webhooks/node';

const webhook = voiceflowWebhook({
  maxBodyBytes: 16_384,
  on: { '*': (event, ctx) => console.log(event.type, ctx.request.url) },
});

export const server = createServer((req, res) => {
  if (req.url === '/webhooks/voiceflow') return void webhook(req, res);
  res.writeHead(404).end();
});

/** `ctx.request` is the `IncomingMessage`. */
export const requestType = (req: IncomingMessage): Parameters<typeof webhook>[0] => req;
