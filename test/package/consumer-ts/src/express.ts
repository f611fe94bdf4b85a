/**
 * `voiceflow-webhooks/express`: a handler for `app.post`, before any body parser, typed with
 * Express's own `Request`, and the structural types that spare users `@types/express`.
 */
import express, { type Request } from 'express';
import {
  type ExpressRequestLike,
  type ExpressWebhookHandler,
  voiceflowWebhook,
} from 'voiceflow-webhooks/express';

export const app = express();

const webhook: ExpressWebhookHandler<Request> = voiceflowWebhook<Request>({
  secret: 'whsec_test',
  on: { 'runtime.session.end': (event, ctx) => console.log(event.data.sessionID, ctx.request.ip) },
});

app.post('/webhooks/voiceflow', webhook);
app.use(express.json());

/** After `express.json()`, the parsed body and a raw body kept by a `verify` hook. */
export function bodies(req: ExpressRequestLike): [unknown, unknown] {
  return [req.body, req.rawBody];
}

/** Without a type argument the request is the structural one. */
export const untyped: ExpressWebhookHandler = voiceflowWebhook({});
