import express from 'express';
import { callParties } from 'voiceflow-webhooks';
import { voiceflowWebhook } from 'voiceflow-webhooks/express';

const webhook = voiceflowWebhook({
  // Deliveries not signed with it get a 401; unset, voiceflowWebhook throws at start-up.
  secret: process.env.VOICEFLOW_WEBHOOK_SECRET,
  on: {
    'runtime.call.start': (event) => {
      const parties = callParties(event);
      console.log(`Call started${parties ? ` from ${parties.from} to ${parties.to}` : ''}`);
    },
  },
  onError: (error) => console.warn(`Refused a delivery: ${error.status} ${error.message}`),
});

const app = express();

// Without a body parser: the handler reads the exact bytes that the signature covers.
app.post('/webhooks/voiceflow', webhook);

// Behind express.json(): keep the raw bytes in req.rawBody, or signatures cannot be checked.
app.use(
  express.json({
    verify: (req, _res, bytes) => {
      req.rawBody = bytes;
    },
  }),
);
app.post('/api/webhooks/voiceflow', webhook);

const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(Number(process.env.PORT ?? 3000), host, (error) => {
  if (error) throw error;
  console.log(`Listening on http://${host}:${server.address().port}`);
});
