import { voiceflowWebhook } from 'voiceflow-webhooks/next';
import { record } from '../../../../lib/record';

/** A handler that fails with a message which must reach onError but never the response. */
export const POST = voiceflowWebhook({
  on: {
    '*': () => {
      throw new Error('connection refused for db user admin, password hunter2');
    },
  },
  onError: (error, ctx) =>
    record({
      route: 'failing',
      hook: 'onError',
      deliveryId: ctx.deliveryId,
      code: error.code,
      cause: String(error.cause),
    }),
});
