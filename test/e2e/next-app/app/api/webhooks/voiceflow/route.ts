import { callDuration } from 'voiceflow-webhooks';
import { voiceflowWebhook } from 'voiceflow-webhooks/next';
import { record } from '../../../../lib/record';

const route = 'voiceflow';

/**
 * The documented usage, with every option the status table depends on: the projects allowed are
 * those of fixtures/, and the size limit is lowered so the test crosses it cheaply.
 */
export const POST = voiceflowWebhook({
  on: {
    // callDuration accepts only end events, so `next build` type-checks that this one is typed.
    'runtime.call.end': (event, ctx) =>
      record({
        route,
        hook: event.type,
        deliveryId: ctx.deliveryId,
        event,
        durationMs: callDuration(event),
      }),
    '*': (event, ctx) => record({ route, hook: '*', deliveryId: ctx.deliveryId, event }),
  },
  onUnknownEvent: (event, ctx) =>
    record({ route, hook: 'onUnknownEvent', deliveryId: ctx.deliveryId, event }),
  onError: (error, ctx) =>
    record({
      route,
      hook: 'onError',
      deliveryId: ctx.deliveryId,
      code: error.code,
      status: error.status,
    }),
  projectID: ['6772da2e485189279fa5b9da', '69f9fa36eeb8f50e7cfd2d5f', '690b5fb272e1cdfb40f14234'],
  maxBodyBytes: 16_384,
});

// Next.js answers a method that a route does not export with a bare 405 of its own; exporting
// the handler under GET and PUT as well gets the package's documented 405 for them.
export { POST as GET, POST as PUT };
