import { safeParseEvent, type VoiceflowEvent } from '../core/index';
import { decodeUtf8 } from '../core/parse';
import { createEventDispatcher } from '../core/router';
import { type IncomingHeaders, readHeader } from '../signature/headers';
import { webhookIdFromHeaders } from '../signature/index';
import { verifyWithKeys } from '../signature/verify';
import { readBody, type WebhookBody } from './body';
import { WebhookRequestError } from './errors';
import { runOnce } from './idempotency';
import { checkOptions, type VoiceflowWebhookOptions, type WebhookContext } from './options';
import { ACCEPTED, DUPLICATE, refusalResponse, type WebhookResponse } from './outcome';
import { LATE, type Late, settleWithin } from './time-limit';

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

/**
 * How the handlers ended: their failure (or why they could not run), {@link LATE}, `'completed'`
 * by an earlier attempt, or `undefined` when they succeeded.
 */
type HandlersOutcome = WebhookRequestError | 'completed' | Late | undefined;

// Bodies are decoded strictly (invalid UTF-8 must not be silently replaced), and only when that
// fails, leniently for ctx.rawBody, which shows what came whatever it is.
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * What a body parser made of the body, as JSON: `undefined` for a value JSON cannot hold
 * (`undefined`, a function, a BigInt, a cycle), so that such a value cannot make the handler throw.
 */
function jsonOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const RAW_BODY_HELP =
  'The request body was consumed by a body parser and its exact bytes are gone. Mount the ' +
  "webhook route before express.json(), or use express.raw({ type: 'application/json' }) on it, " +
  'or keep the bytes with express.json({ verify: (req, _res, buf) => { req.rawBody = buf; } }).';

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
 * The context handlers see. `headers` and `deliveryId` are accessors that do their work the
 * first time they are read, since most requests need neither: `headers` converts a Node-style
 * object to `Headers`, `deliveryId` looks the id up.
 */
class RequestContext<R> implements WebhookContext<R> {
  /** Set once the body is read; until then (405, 413) it stays empty. */
  rawBody = '';
  readonly request: R;
  /** The headers as received, replaced by their `Headers` form once that is made. */
  #headers: IncomingHeaders;
  /** `null` until looked up. */
  #deliveryId: string | undefined | null = null;

  constructor(request: WebhookRequest<R>) {
    this.#headers = request.headers;
    this.request = request.request;
  }

  get deliveryId(): string | undefined {
    if (this.#deliveryId === null) this.#deliveryId = webhookIdFromHeaders(this.#headers);
    return this.#deliveryId;
  }

  get headers(): Headers {
    const headers = toHeaders(this.#headers);
    this.#headers = headers;
    return headers;
  }
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
  const { keys, projects, toleranceSeconds, maxBodyBytes, handlerTimeoutMs } =
    checkOptions(options);
  const { onError, idempotency } = options;
  const dispatch = createEventDispatcher<WebhookContext<R>>(options);

  const report = (error: WebhookRequestError, ctx: WebhookContext<R>): void => {
    try {
      if (onError) Promise.resolve(onError(error, ctx)).catch(() => undefined);
    } catch {
      // onError is for logging only: not awaited, and its failure must not change the response.
    }
  };
  const refuse = (
    ctx: WebhookContext<R>,
    error: WebhookRequestError,
    detail?: Readonly<Record<string, unknown>>,
  ): WebhookResponse => {
    report(error, ctx);
    return refusalResponse(error, detail);
  };
  // Resolves with the handlers' failure, if any; `undefined` when none returned a promise.
  const start = (event: VoiceflowEvent, ctx: WebhookContext<R>) =>
    dispatch(event, ctx)?.then(
      () => undefined,
      (error: unknown) =>
        new WebhookRequestError('handler_failed', 'A handler threw or rejected', error),
    );
  const tooLarge = (ctx: WebhookContext<R>): WebhookResponse =>
    refuse(
      ctx,
      new WebhookRequestError(
        'payload_too_large',
        `The body exceeds maxBodyBytes (${maxBodyBytes} bytes)`,
      ),
    );
  const finish = (ctx: WebhookContext<R>, outcome: HandlersOutcome): WebhookResponse => {
    if (outcome === undefined) return ACCEPTED;
    if (outcome === 'completed') return DUPLICATE;
    return refuse(
      ctx,
      outcome === LATE
        ? new WebhookRequestError(
            'handler_timeout',
            `The handlers outlasted handlerTimeoutMs (${handlerTimeoutMs} ms) and keep running`,
          )
        : outcome,
    );
  };

  /**
   * Reads, decodes and authenticates the body (413, 400 `body_unreadable`, 500
   * `raw_body_unavailable`, 401): what the parser is to be given, or the refusal.
   */
  const receive = async (
    { headers, body, parsedBody }: WebhookRequest<R>,
    ctx: RequestContext<R>,
  ): Promise<{ input: unknown } | WebhookResponse> => {
    if (body === undefined) {
      const json = jsonOf(parsedBody);
      ctx.rawBody = json ?? '';
      if (keys || json === undefined) {
        const error = new WebhookRequestError('raw_body_unavailable', RAW_BODY_HELP);
        return refuse(ctx, error, { message: RAW_BODY_HELP });
      }
      // The bytes are gone; their JSON is what the limit can still be applied to.
      return encoder.encode(json).byteLength > maxBodyBytes ? tooLarge(ctx) : { input: parsedBody };
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readBody(body, maxBodyBytes);
    } catch (error) {
      const failure = 'Reading the request body failed';
      return refuse(ctx, new WebhookRequestError('body_unreadable', failure, error));
    }
    // A body in memory or from a BodyReader comes as it is, whatever its length.
    if (bytes === undefined || bytes.byteLength > maxBodyBytes) return tooLarge(ctx);
    const text = decodeUtf8(bytes);
    ctx.rawBody = text ?? lenient.decode(bytes);
    if (keys) {
      try {
        await verifyWithKeys(keys, { payload: bytes, headers, toleranceSeconds });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = `The signature was refused: ${reason}`;
        return refuse(ctx, new WebhookRequestError('invalid_signature', message, error));
      }
    }
    // Bytes that are not UTF-8 go to the parser as bytes, which says so in its own words.
    return { input: text ?? bytes };
  };

  /** The project allowlist (403), for events that carry a string `data.projectID`. */
  const notAllowed = (
    event: VoiceflowEvent,
    ctx: RequestContext<R>,
  ): WebhookResponse | undefined => {
    const project = (event.data as { projectID?: unknown } | null | undefined)?.projectID;
    if (!projects || typeof project !== 'string' || projects.has(project)) return undefined;
    const message = `Project ${project} is not in the projectID allowlist`;
    return refuse(ctx, new WebhookRequestError('project_not_allowed', message));
  };

  /**
   * Runs the handlers: once per delivery with `idempotency`, timed when they return a promise.
   * Handlers that all returned without a promise are answered at once, without a timer.
   */
  const handle = (
    event: VoiceflowEvent,
    ctx: RequestContext<R>,
  ): WebhookResponse | Promise<WebhookResponse> => {
    // Only idempotency needs the delivery id, so no other request looks it up.
    const id = idempotency && ctx.deliveryId;
    let settled: Promise<HandlersOutcome> | undefined;
    if (idempotency !== undefined && id !== undefined) {
      const run = async () => start(event, ctx);
      const onStoreFailure = (error: WebhookRequestError) => report(error, ctx);
      settled = runOnce(idempotency, id, run, handlerTimeoutMs, onStoreFailure);
    } else {
      const work = start(event, ctx);
      settled = work && settleWithin(work, handlerTimeoutMs);
    }
    return settled ? settled.then((outcome) => finish(ctx, outcome)) : ACCEPTED;
  };

  return async (request) => {
    const ctx = new RequestContext(request);
    const { method } = request;
    if (method !== 'POST') {
      const message = `Method ${method} is not allowed; use POST`;
      return refuse(ctx, new WebhookRequestError('method_not_allowed', message));
    }
    // A declared length over the limit is refused before a single byte is read.
    if (Number(readHeader(request.headers, 'content-length')) > maxBodyBytes) return tooLarge(ctx);
    const received = await receive(request, ctx);
    if (!('input' in received)) return received;
    const parsed = safeParseEvent(received.input);
    if (!parsed.success) {
      const { error } = parsed;
      const detail =
        error.code === 'invalid_json' ? { message: error.message } : { issues: error.issues };
      return refuse(ctx, new WebhookRequestError(error.code, error.message, error), detail);
    }
    return notAllowed(parsed.event, ctx) ?? handle(parsed.event, ctx);
  };
}
