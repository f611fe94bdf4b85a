import type { VoiceflowEvent } from '../core/index';
import { createEventDispatcher } from '../core/router';
import type { IncomingHeaders } from '../signature/headers';
import { webhookIdFromHeaders } from '../signature/index';
import type { WebhookBody } from './body';
import { checkProject, parse, receive, verify } from './checks';
import { WebhookRequestError } from './errors';
import { runOnce } from './idempotency';
import { checkOptions, type VoiceflowWebhookOptions, type WebhookContext } from './options';
import { ACCEPTED, DUPLICATE, Refusal, refusalResponse, type WebhookResponse } from './outcome';
import { type HandlerRun, LATE, type Late, settleWithin } from './time-limit';

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
  /**
   * The request headers: a web `Headers`, or a Node-style object of lower-case names such as
   * `IncomingMessage.headers` (handlers then see it converted to `Headers` on first use).
   */
  headers: IncomingHeaders;
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

function toHeaders(headers: IncomingHeaders): Headers {
  if (typeof headers.get === 'function') return headers as Headers;
  const converted = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) converted.append(name, item);
    }
  }
  return converted;
}

/**
 * The context handlers see. `headers` is an accessor that converts a Node-style object to
 * `Headers` the first time it is read, since most handlers never read it.
 */
class RequestContext<R> implements WebhookContext<R> {
  readonly deliveryId: string | undefined;
  readonly request: R;
  readonly #source: IncomingHeaders;
  #headers: Headers | undefined;

  constructor(
    request: WebhookRequest<R>,
    readonly rawBody: string,
  ) {
    this.#source = request.headers;
    this.deliveryId = webhookIdFromHeaders(request.headers);
    this.request = request.request;
  }

  get headers(): Headers {
    this.#headers ??= toHeaders(this.#source);
    return this.#headers;
  }
}

const contextOf = <R>(request: WebhookRequest<R>, rawBody: string): WebhookContext<R> =>
  new RequestContext(request, rawBody);

/** Calls `onError` without letting it change anything: not awaited, failures ignored. */
function reporter<R>(options: VoiceflowWebhookOptions<R>) {
  return (refusal: Refusal, ctx: WebhookContext<R>): void => {
    if (options.onError === undefined) return;
    const error = new WebhookRequestError(refusal.code, refusal.message, refusal.cause);
    try {
      Promise.resolve(options.onError(error, ctx)).catch(() => undefined);
    } catch {
      // onError is for logging only; its failure must not change the response.
    }
  };
}

/** Runs the handlers, awaiting and timing them only when one of them returned a promise. */
function handlerRunner<R>(
  options: VoiceflowWebhookOptions<R>,
  timeoutMs: number,
  report: (refusal: Refusal, ctx: WebhookContext<R>) => void,
) {
  const dispatch = createEventDispatcher<WebhookContext<R>>(options);
  const failed = (error: unknown) =>
    new Refusal('handler_failed', 'A handler threw or rejected', error);
  const timedOut = new Refusal(
    'handler_timeout',
    `The handlers did not settle within handlerTimeoutMs (${timeoutMs} ms); they keep running`,
  );
  const inTime = (outcome: Outcome | Late): Outcome => (outcome === LATE ? timedOut : outcome);
  const start = (event: VoiceflowEvent, ctx: WebhookContext<R>) =>
    dispatch(event, ctx)?.then(() => undefined, failed);
  const store = options.idempotency;

  return (event: VoiceflowEvent, ctx: WebhookContext<R>): Outcome | Promise<Outcome> => {
    const id = ctx.deliveryId;
    if (store !== undefined && id !== undefined) {
      const run: HandlerRun = { start: async () => start(event, ctx), timeoutMs };
      return runOnce(store, id, run, (refusal) => report(refusal, ctx)).then(inTime);
    }
    const settled = start(event, ctx);
    if (settled === undefined) return 'handled';
    return settleWithin(settled, timeoutMs).then((outcome) => inTime(outcome ?? 'handled'));
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
 * import { createWebhookHandler } from 'voiceflow-webhooks/web';
 *
 * const handle = createWebhookHandler<MyRequest>({ on: { 'runtime.call.end': saveCall } });
 * const result = await handle({ method, headers: new Headers(rawHeaders), body: stream, request });
 * reply(result.status, result.headers, result.body);
 * ```
 */
export function createWebhookHandler<R = unknown>(
  options: VoiceflowWebhookOptions<R>,
): WebhookHandler<R> {
  const settings = checkOptions(options);
  const { secrets, projects, toleranceSeconds } = settings;
  const report = reporter(options);
  const runHandlers = handlerRunner(options, settings.handlerTimeoutMs, report);

  const refuse = (refusal: Refusal, ctx: WebhookContext<R>): WebhookResponse => {
    report(refusal, ctx);
    return refusalResponse(refusal);
  };
  const answer = (outcome: Outcome, ctx: WebhookContext<R>): WebhookResponse => {
    if (outcome instanceof Refusal) return refuse(outcome, ctx);
    return outcome === 'completed' ? DUPLICATE : ACCEPTED;
  };

  return async (request) => {
    if (request.method !== 'POST') {
      const refusal = new Refusal(
        'method_not_allowed',
        `Method ${request.method} is not allowed; use POST`,
      );
      return refuse(refusal, contextOf(request, ''));
    }
    const received = await receive(request, settings);
    if (received instanceof Refusal) return refuse(received, contextOf(request, ''));
    const ctx = contextOf(request, received.rawBody);
    if (secrets !== undefined) {
      const unsigned = await verify(received, request.headers, secrets, toleranceSeconds);
      if (unsigned !== undefined) return refuse(unsigned, ctx);
    }
    const event = parse(received);
    if (event instanceof Refusal) return refuse(event, ctx);
    const notAllowed = projects && checkProject(event, projects);
    if (notAllowed !== undefined) return refuse(notAllowed, ctx);
    const outcome = runHandlers(event, ctx);
    return answer(outcome instanceof Promise ? await outcome : outcome, ctx);
  };
}
