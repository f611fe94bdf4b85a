import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { callDuration } from 'voiceflow-webhooks';
import { voiceflowWebhook } from 'voiceflow-webhooks/hono';

const app = new Hono();

app.post(
  '/webhooks/voiceflow',
  voiceflowWebhook({
    // Deliveries not signed with it get a 401; unset, voiceflowWebhook throws at start-up.
    secret: process.env.VOICEFLOW_WEBHOOK_SECRET,
    on: {
      'runtime.session.end': (event) => {
        console.log(`Session ${event.data.sessionID} lasted ${callDuration(event)} ms`);
      },
    },
  }),
);

const hostname = process.env.HOST ?? '127.0.0.1';
serve({ fetch: app.fetch, hostname, port: Number(process.env.PORT ?? 3000) }, (info) => {
  console.log(`Listening on http://${hostname}:${info.port}`);
});
