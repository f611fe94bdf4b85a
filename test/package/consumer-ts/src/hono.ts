/** `voiceflow-webhooks/hono`: a Hono handler whose context keeps the app's bindings typed. */
import { type Context, Hono } from 'hono';
import { voiceflowWebhook } from 'voiceflow-webhooks/hono';

type Env = { Bindings: { CALLS: { put(key: string, value: string): Promise<void> } } };

export const app = new Hono<Env>();

app.post(
  '/webhooks/voiceflow',
  voiceflowWebhook<Context<Env>>({
    on: {
      'runtime.call.end': (event, ctx) =>
        ctx.request.env.CALLS.put(event.data.projectID, JSON.stringify(event)),
    },
  }),
);

/** Without a type argument the context is Hono's default one. */
export const plain: (c: Context) => Promise<Response> = voiceflowWebhook({});
