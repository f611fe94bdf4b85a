/**
 * `voiceflow-webhooks/next`: an App Router route handler. Next.js calls it with a `NextRequest`,
 * a subclass of `Request`; the declarations need nothing from `next` itself, so neither does
 * this file (Next's own declarations do not pass `skipLibCheck: false` without React's types).
 */
import { voiceflowWebhook } from 'voiceflow-webhooks/next';

export const POST = voiceflowWebhook({
  secret: process.env.VOICEFLOW_WEBHOOK_SECRET ?? 'whsec_test',
  on: {
    'runtime.call.start': (event, ctx) => {
      console.log(event.data.userID, ctx.request.headers.get('user-agent'));
    },
  },
});

/** The shape Next.js checks a route module's `POST` export against. */
export const route: (request: Request, context: { params: Promise<object> }) => Promise<Response> =
  POST;
