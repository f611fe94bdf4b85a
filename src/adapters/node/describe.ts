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
  iterator(options: { destroyOnReturn: boolean }): AsyncIterable<Uint8Array>;
  /** Set by Express's body parsers. */
  body?: unknown;
  /** The exact bytes, when a `verify` hook of `express.json()` kept them. */
  rawBody?: unknown;
}

function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/** Where the body is: the unread stream, else what a body parser left (raw first). */
function bodyOf(req: NodeRequestLike): Pick<WebhookRequest, 'body' | 'parsedBody'> {
  // destroyOnReturn off: stopping at the size limit must leave the socket open for the 413.
  if (!req.readableEnded) return { body: req.iterator({ destroyOnReturn: false }) };
  if (isRaw(req.rawBody)) return { body: req.rawBody };
  if (isRaw(req.body)) return { body: req.body };
  return { parsedBody: req.body };
}

/** Describes a Node request (plain, or after Express body parsers) for the webhook handler. */
export function describeIncoming<R extends NodeRequestLike>(req: R): WebhookRequest<R> {
  return { method: req.method ?? '', headers: req.headers, ...bodyOf(req), request: req };
}
