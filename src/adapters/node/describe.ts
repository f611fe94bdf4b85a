import { chunkGatherer } from '../../http/body';
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
  /** Whether anything read from the body yet. */
  readonly readableDidRead?: boolean;
  readonly destroyed?: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  /** Set by Express's body parsers. */
  body?: unknown;
  /** The exact bytes, when a `verify` hook of `express.json()` kept them. */
  rawBody?: unknown;
}

const CLOSED_EARLY = 'The request closed before its body ended';

/**
 * Reads a Node request's body through its `data` events into one promise: lighter than the
 * stream's async iterator, which matters on small bodies. Past `limit` it stops listening and
 * pauses the request without destroying it, so the 413 can still be written on its connection.
 */
function readIncoming(req: NodeRequestLike, limit: number): Promise<Uint8Array | undefined> {
  // A request aborted before the handler ran (during an earlier, asynchronous middleware, say)
  // would never emit another event.
  if (req.destroyed) return Promise.reject(new Error(CLOSED_EARLY));
  return new Promise((resolve, reject) => {
    const gathered = chunkGatherer(limit);
    // Settling stops listening, so what follows (such as `close` after `end`) is not heard.
    const settle = <T>(done: (value: T) => void, value: T): void => {
      for (const [event, listener] of listeners) req.off(event, listener);
      done(value);
    };
    const listeners: [string, (value: unknown) => void][] = [
      // Without setEncoding, which nothing calls on a request read here, chunks are Buffers.
      [
        'data',
        (chunk) => {
          if (gathered.add(chunk as Uint8Array)) return;
          settle(resolve, undefined);
          req.pause();
        },
      ],
      ['end', () => settle(resolve, gathered.bytes())],
      ['error', (error) => settle(reject, error)],
      // A connection closed before the body ended leaves it incomplete.
      ['close', () => settle(reject, new Error(CLOSED_EARLY))],
    ];
    for (const [event, listener] of listeners) req.on(event, listener);
    // A `data` listener starts a stream flowing unless someone paused it explicitly.
    req.resume();
  });
}

function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/**
 * Where the body is: the unread stream, else what a body parser left (raw first). A stream that
 * something else began to read has lost its first bytes: it is described as consumed, with
 * nothing left, which the handler answers with `raw_body_unavailable`.
 */
function bodyOf(req: NodeRequestLike): Pick<WebhookRequest, 'body' | 'parsedBody'> {
  if (!req.readableEnded) {
    return req.readableDidRead ? {} : { body: (limit) => readIncoming(req, limit) };
  }
  if (isRaw(req.rawBody)) return { body: req.rawBody };
  if (isRaw(req.body)) return { body: req.body };
  return { parsedBody: req.body };
}

/** Describes a Node request (plain, or after Express body parsers) for the webhook handler. */
export function describeIncoming<R extends NodeRequestLike>(req: R): WebhookRequest<R> {
  return { method: req.method ?? '', headers: req.headers, ...bodyOf(req), request: req };
}
