import { callDuration } from 'voiceflow-webhooks';
import { voiceflowWebhook } from 'voiceflow-webhooks/next';

// POST /api/webhooks/voiceflow
export const POST = voiceflowWebhook({
  // Deliveries not signed with it get a 401; unset, voiceflowWebhook throws at start-up.
  secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
  on: {
    'runtime.call.end': async (event) => {
      console.log(`Call ended after ${callDuration(event) / 1000} s: ${event.data.endReason}`);
    },
  },
});
