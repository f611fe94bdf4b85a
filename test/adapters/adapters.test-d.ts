import { createServer, type IncomingMessage } from 'node:http';
import express, { type Request as ExpressRequest } from 'express';
import express4 from 'express4';
import { type Context, Hono } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ExpressRequestLike,
  voiceflowWebhook as expressWebhook,
} from '../../src/adapters/express/index';
import { voiceflowWebhook as honoWebhook } from '../../src/adapters/hono/index';
import { voiceflowWebhook as nextWebhook } from '../../src/adapters/next/index';
import { voiceflowWebhook as nodeWebhook } from '../../src/adapters/node/index';
import { voiceflowWebhook as webWebhook } from '../../src/adapters/web/index';
import type {
  CallEndEvent,
  CallStartEvent,
  SessionEndEvent,
  UnknownEvent,
  VoiceflowEvent,
} from '../../src/core/index';
import type { WebhookErrorCode, WebhookRequestError } from '../../src/http/index';

describe('adapter types', () => {
  it('gives each handler its event type and the web Request as ctx.request', () => {
    const handler = webWebhook({
      on: {
        'runtime.call.end': (event, ctx) => {
          expectTypeOf(event).toEqualTypeOf<CallEndEvent>();
          expectTypeOf(ctx.request).toEqualTypeOf<Request>();
          expectTypeOf(ctx.deliveryId).toEqualTypeOf<string | undefined>();
          expectTypeOf(ctx.rawBody).toEqualTypeOf<string>();
          expectTypeOf(ctx.headers).toEqualTypeOf<Headers>();
        },
        'runtime.call.start': (event) => expectTypeOf(event).toEqualTypeOf<CallStartEvent>(),
        'runtime.session.end': async (event) =>
          expectTypeOf(event).toEqualTypeOf<SessionEndEvent>(),
        '*': (event) => expectTypeOf(event).toEqualTypeOf<VoiceflowEvent>(),
      },
      onUnknownEvent: (event) => expectTypeOf(event).toEqualTypeOf<UnknownEvent>(),
      onError: (error, ctx) => {
        expectTypeOf(error).toEqualTypeOf<WebhookRequestError>();
        expectTypeOf(error.code).toEqualTypeOf<WebhookErrorCode>();
        expectTypeOf(ctx.request).toEqualTypeOf<Request>();
      },
    });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('makes a Next.js App Router POST export', () => {
    const POST = nextWebhook({
      on: { 'runtime.call.end': (event) => expectTypeOf(event).toEqualTypeOf<CallEndEvent>() },
    });
    expectTypeOf(POST).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it('mounts on Hono with the Context as ctx.request, typed by the app when given', () => {
    const app = new Hono();
    app.post(
      '/webhooks/voiceflow',
      honoWebhook({
        on: {
          'runtime.call.end': (event, ctx) => {
            expectTypeOf(event).toEqualTypeOf<CallEndEvent>();
            expectTypeOf(ctx.request).toEqualTypeOf<Context>();
          },
        },
      }),
    );

    type Env = { Bindings: { WEBHOOK_SECRET: string } };
    const worker = new Hono<Env>();
    worker.post(
      '/webhooks/voiceflow',
      honoWebhook<Context<Env>>({
        on: {
          '*': (_event, ctx) =>
            expectTypeOf(ctx.request.env.WEBHOOK_SECRET).toEqualTypeOf<string>(),
        },
      }),
    );
  });

  it('mounts on Express 5 and Express 4 without casts', () => {
    const webhook = expressWebhook({
      on: {
        'runtime.call.end': (event, ctx) => {
          expectTypeOf(event).toEqualTypeOf<CallEndEvent>();
          expectTypeOf(ctx.request).toEqualTypeOf<ExpressRequestLike>();
        },
      },
    });
    express().post('/webhooks/voiceflow', webhook);
    express().use('/webhooks/voiceflow', express.json(), webhook);
    express4().post('/webhooks/voiceflow', webhook);
  });

  it("types ctx.request as Express's Request when asked", () => {
    express().post(
      '/webhooks/voiceflow',
      expressWebhook<ExpressRequest>({
        on: { '*': (_event, ctx) => expectTypeOf(ctx.request).toEqualTypeOf<ExpressRequest>() },
      }),
    );
  });

  it('serves as a node:http request listener with the IncomingMessage as ctx.request', () => {
    const listener = nodeWebhook({
      on: {
        'runtime.call.end': (_event, ctx) =>
          expectTypeOf(ctx.request).toEqualTypeOf<IncomingMessage>(),
      },
    });
    createServer(listener);
  });

  it('refuses unknown event types and an explicitly undefined secret', () => {
    // @ts-expect-error: not an event type; unknown types go to onUnknownEvent
    webWebhook({ on: { 'runtime.call.ended': () => undefined } });
    // @ts-expect-error: an unset environment variable must not silently turn verification off
    webWebhook({ secret: undefined });
    // @ts-expect-error: handlers receive the event type they are keyed by
    webWebhook({ on: { 'runtime.call.start': (event: CallEndEvent) => event } });
  });
});
