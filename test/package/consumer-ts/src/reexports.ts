/**
 * Every adapter re-exports the option, context, store and error types of the root, and the
 * in-memory store; whichever subpath a user imports them from, they are the same.
 */
import type * as root from 'voiceflow-webhooks';
import type * as express from 'voiceflow-webhooks/express';
import type * as hono from 'voiceflow-webhooks/hono';
import type * as next from 'voiceflow-webhooks/next';
import type * as node from 'voiceflow-webhooks/node';
import type * as web from 'voiceflow-webhooks/web';
import type { AllTrue, Same } from './assert.js';

/** The shared types as the root and each adapter export them, in one fixed order. */
type RootTypes = [
  root.IdempotencyClaim,
  root.IdempotencyStore,
  root.VoiceflowWebhookOptions<Request>,
  root.WebhookContext<Request>,
  root.WebhookErrorCode,
  root.WebhookRequestError,
  root.MemoryIdempotencyStoreOptions,
];
type WebTypes = [
  web.IdempotencyClaim,
  web.IdempotencyStore,
  web.VoiceflowWebhookOptions<Request>,
  web.WebhookContext<Request>,
  web.WebhookErrorCode,
  web.WebhookRequestError,
  web.MemoryIdempotencyStoreOptions,
];
type NextTypes = [
  next.IdempotencyClaim,
  next.IdempotencyStore,
  next.VoiceflowWebhookOptions<Request>,
  next.WebhookContext<Request>,
  next.WebhookErrorCode,
  next.WebhookRequestError,
  next.MemoryIdempotencyStoreOptions,
];
type HonoTypes = [
  hono.IdempotencyClaim,
  hono.IdempotencyStore,
  hono.VoiceflowWebhookOptions<Request>,
  hono.WebhookContext<Request>,
  hono.WebhookErrorCode,
  hono.WebhookRequestError,
  hono.MemoryIdempotencyStoreOptions,
];
type ExpressTypes = [
  express.IdempotencyClaim,
  express.IdempotencyStore,
  express.VoiceflowWebhookOptions<Request>,
  express.WebhookContext<Request>,
  express.WebhookErrorCode,
  express.WebhookRequestError,
  express.MemoryIdempotencyStoreOptions,
];
type NodeTypes = [
  node.IdempotencyClaim,
  node.IdempotencyStore,
  node.VoiceflowWebhookOptions<Request>,
  node.WebhookContext<Request>,
  node.WebhookErrorCode,
  node.WebhookRequestError,
  node.MemoryIdempotencyStoreOptions,
];

/** The core's types, exported as types by the root and with their code by `/web`. */
type RootCoreTypes = [
  root.BodyReader,
  root.FetchWebhookHandler<Request>,
  root.WebhookBody,
  root.WebhookHandler<Request>,
  root.WebhookRequest<Request>,
  root.WebhookResponse,
];
type WebCoreTypes = [
  web.BodyReader,
  web.FetchWebhookHandler<Request>,
  web.WebhookBody,
  web.WebhookHandler<Request>,
  web.WebhookRequest<Request>,
  web.WebhookResponse,
];

export type AdaptersShareTypes = AllTrue<
  [
    Same<WebTypes, RootTypes>,
    Same<NextTypes, RootTypes>,
    Same<HonoTypes, RootTypes>,
    Same<ExpressTypes, RootTypes>,
    Same<NodeTypes, RootTypes>,
    Same<WebCoreTypes, RootCoreTypes>,
    Same<typeof next.createMemoryIdempotencyStore, typeof web.createMemoryIdempotencyStore>,
    Same<typeof hono.createMemoryIdempotencyStore, typeof web.createMemoryIdempotencyStore>,
    Same<typeof express.createMemoryIdempotencyStore, typeof web.createMemoryIdempotencyStore>,
    Same<typeof node.createMemoryIdempotencyStore, typeof web.createMemoryIdempotencyStore>,
  ]
>;
