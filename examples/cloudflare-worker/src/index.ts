import { env } from 'cloudflare:workers';
import { voiceflowWebhook } from 'voiceflow-webhooks/web';

export default {
  fetch: voiceflowWebhook({
    // Set with `npx wrangler secret put VOICEFLOW_WEBHOOK_SECRET` (and in .dev.vars for dev).
    secret: env.VOICEFLOW_WEBHOOK_SECRET,
    on: {
      'runtime.call.end': (event) => {
        console.log(`${event.data.platform} call ended: ${event.data.endReason ?? 'no reason'}`);
      },
      '*': (event) => console.log('Received', event.type),
    },
  }),
};
