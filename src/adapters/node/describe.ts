import type { WebhookRequest } from '../../http/index';

/**
 * The parts of a Node request (`IncomingMessage`, plain or after Express body parsers) that
 * describing it takes. Stated structurally so that builds for other runtimes, such as the Hono
 * adapter's, need no Node types.
 */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly readableEnded: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  pause(): unknown;
  /** Set by Express's body parsers. */
  body?: unknown;
  /** The exact bytes, when a `verify` hook of `express.json()` kept them. */
  rawBody?: unknown;
}

/** The events `incomingChunks` listens to, in the order of its listeners. */
const EVENTS = ['data', 'end', 'error', 'close'] as const;

/**
 * A Node request's body chunks, read through its `data` events: lighter than the stream's own
 * async iterator, which matters on small bodies. Stopping early (`return()`, at the size limit)
 * pauses the request without destroying it, so the 413 can still be written on its connection.
 */
function incomingChunks(req: NodeRequestLike): AsyncIterableIterator<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: unknown;
  let ended = false;
  let wake = (): void => undefined;
  // A connection closed before the body ended leaves it incomplete.
  const fail = (error: unknown): void => {
    failure ??= error;
    wake();
  };
  const listeners = [
    // Without setEncoding, which nothing calls on a request read here, chunks are Buffers.
    (chunk: unknown) => {
      chunks.push(chunk as Uint8Array);
      wake();
    },
    () => {
      ended = true;
      wake();
    },
    fail,
    () => ended || fail(new Error('The request closed before its body ended')),
  ];
  const listen = (method: 'on' | 'off'): void => {
    for (let i = 0; i < EVENTS.length; i++) req[method](EVENTS[i]!, listeners[i]!);
  };
  listen('on');
  const stop = async (): Promise<IteratorReturnResult<undefined>> => {
    listen('off');
    if (!ended) req.pause();
    return { done: true, value: undefined };
  };
  return {
    async next() {
      for (;;) {
        const chunk = chunks.shift();
        if (chunk !== undefined) return { done: false, value: chunk };
        if (failure !== undefined) throw failure;
        if (ended) return stop();
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    return: stop,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/** Where the body is: the unread stream, else what a body parser left (raw first). */
function bodyOf(req: NodeRequestLike): Pick<WebhookRequest, 'body' | 'parsedBody'> {
  if (!req.readableEnded) return { body: incomingChunks(req) };
  if (isRaw(req.rawBody)) return { body: req.rawBody };
  if (isRaw(req.body)) return { body: req.body };
  return { parsedBody: req.body };
}

/** Describes a Node request (plain, or after Express body parsers) for the webhook handler. */
export function describeIncoming<R extends NodeRequestLike>(req: R): WebhookRequest<R> {
  return { method: req.method ?? '', headers: req.headers, ...bodyOf(req), request: req };
}
