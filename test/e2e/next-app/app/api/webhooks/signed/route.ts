import { voiceflowWebhook } from 'voiceflow-webhooks/next';
import { record } from '../../../../lib/record';

/** Verifies Svix signatures with the secret from the environment, as a deployment would. */
export const POST = voiceflowWebhook({
  secret: process.env.VOICEFLOW_WEBHOOK_SECRET!,
  on: {
    '*': (event, ctx) =>
      record({ route: 'signed', hook: '*', deliveryId: ctx.deliveryId, type: event.type }),
  },
});
