import { createEventRouter, type VoiceflowEvent } from '../core/index';
import { webhookIdFromHeaders } from '../signature/index';
import type { WebhookBody } from './body';
import { checkProject, parse, type Received, rawText, receive, verify } from './checks';
import { WebhookRequestError } from './errors';
import { runOnce } from './idempotency';
import {
  checkOptions,
  type VoiceflowWebhookOptions,
  type WebhookContext,
  type WebhookSettings,
} from './options';
import { Refusal, refusalResponse, response, type WebhookResponse } from './outcome';
import { type HandlerRun, LATE, settleWithin } from './time-limit';

export type { WebhookResponse } from './outcome';

/**
 * A request as any framework can describe it. Give `body` when the raw body is at hand (unread,
 * or kept by a parser as bytes or text); give only `parsedBody` when a parser consumed the
 * stream and kept nothing but the value it made (then a signature cannot be checked); give
 * neither when the body was consumed and nothing is left (500 `raw_body_unavailable`).
 *
 * @typeParam R - the framework's request object, passed through to `ctx.request`.
 */
export interface WebhookRequest<R = unknown> {
  /** The HTTP method, as received. */
  method: string;
  /** The request headers. */
  headers: Headers;
  /** The raw body: unread (a stream or async iterable), or already read as bytes or text; `null` for none. */
  body?: WebhookBody | null;
  /** What a body parser made of a body it consumed (e.g. `express.json()`'s `req.body`). */
  parsedBody?: unknown;
  /** The framework's own request object. */
  request: R;
}

/** Answers one request; never rejects. */
export type WebhookHandler<R = unknown> = (request: WebhookRequest<R>) => Promise<WebhookResponse>;

type Outcome = Refusal | 'handled' | 'completed';

/** Calls `onError` without letting it change anything: not awaited, failures ignored. */
function reporter<R>(options: VoiceflowWebhookOptions<R>) {
  return (refusal: Refusal, ctx: WebhookContext<R>): void => {
    const error = new WebhookRequestError(refusal.code, refusal.message, refusal.cause);
    try {
      Promise.resolve(options.onError?.(error, ctx)).catch(() => undefined);
    } catch {
      // onError is for logging only; its failure must not change the response.
    }
  };
}

/**
 * Builds the framework-neutral webhook handler that every adapter maps onto its framework: the
 * one place that decides statuses. Checks, in order: method (405), size (413), signature (401),
 * JSON (400), schema (400), project (403); then, with `idempotency`, the delivery id (a completed
 * duplicate gets 200 without handlers, one still in flight 409); then runs the handlers (500
 * `handler_failed` if any fails, 500 `handler_timeout` if they outlast `handlerTimeoutMs`, 200 once
 * all finished).
 *
 * @throws {TypeError} when an option is invalid.
 *
 * @example
 * ```ts
 * import { createWebhookHandler } from 'voiceflow-webhooks';
 *
 * const handle = createWebhookHandler<MyRequest>({ on: { 'runtime.call.end': saveCall } });
 * const result = await handle({ method, headers: new Headers(rawHeaders), body: stream, request });
 * reply(result.status, result.headers, result.body);
 * ```
 */
export function createWebhookHandler<R = unknown>(
  options: VoiceflowWebhookOptions<R>,
): WebhookHandler<R> {
  const settings: WebhookSettings = checkOptions(options);
  const route = createEventRouter<WebhookContext<R>>(options);
  const store = options.idempotency;
  const report = reporter(options);
  const timedOut = new Refusal(
    'handler_timeout',
    `The handlers did not settle within handlerTimeoutMs (${settings.handlerTimeoutMs} ms); they keep running`,
  );

  const runHandlers = async (event: VoiceflowEvent, ctx: WebhookContext<R>) => {
    try {
      await route(event, ctx);
      return undefined;
    } catch (error) {
      return new Refusal('handler_failed', 'A handler threw or rejected', error);
    }
  };

  const dispatch = async (event: VoiceflowEvent, ctx: WebhookContext<R>): Promise<Outcome> => {
    const run: HandlerRun = {
      start: () => runHandlers(event, ctx),
      timeoutMs: settings.handlerTimeoutMs,
    };
    const outcome =
      store === undefined || ctx.deliveryId === undefined
        ? ((await settleWithin(run.start(), run.timeoutMs)) ?? 'handled')
        : await runOnce(store, ctx.deliveryId, run, (refusal) => report(refusal, ctx));
    return outcome === LATE ? timedOut : outcome;
  };

  const evaluate = async (received: Received, ctx: WebhookContext<R>): Promise<Outcome> => {
    const unsigned = await verify(received, ctx.headers, settings);
    if (unsigned !== undefined) return unsigned;
    const event = parse(received);
    if (event instanceof Refusal) return event;
    return checkProject(event, settings) ?? dispatch(event, ctx);
  };

  const refuse = (refusal: Refusal, ctx: WebhookContext<R>): WebhookResponse => {
    report(refusal, ctx);
    return refusalResponse(refusal);
  };

  return async (request) => {
    const { headers, method } = request;
    const base = { deliveryId: webhookIdFromHeaders(headers), headers, request: request.request };
    if (method !== 'POST') {
      const refusal = new Refusal(
        'method_not_allowed',
        `Method ${method} is not allowed; use POST`,
      );
      return refuse(refusal, { ...base, rawBody: '' });
    }
    const received = await receive(request, settings);
    if (received instanceof Refusal) return refuse(received, { ...base, rawBody: '' });
    const ctx: WebhookContext<R> = { ...base, rawBody: rawText(received) };
    const outcome = await evaluate(received, ctx);
    if (outcome instanceof Refusal) return refuse(outcome, ctx);
    const duplicate = outcome === 'completed' ? { duplicate: true } : {};
    return response(200, { received: true, ...duplicate });
  };
}
