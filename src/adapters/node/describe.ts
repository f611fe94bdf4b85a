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

/**
 * A Node request's body chunks, read through its `data` events: lighter than the stream's own
 * async iterator, which matters on small bodies. Stopping early (`return()`, at the size limit)
 * pauses the request without destroying it, so the 413 can still be written on its connection.
 */
class IncomingChunks implements AsyncIterableIterator<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private failure: unknown;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly req: NodeRequestLike) {
    req.on('data', this.onData);
    req.on('end', this.onEnd);
    req.on('error', this.onError);
    req.on('close', this.onClose);
  }

  private readonly onData = (chunk: unknown): void => {
    // Without setEncoding (never called on a request we read), chunks are Buffers.
    this.chunks.push(chunk as Uint8Array);
    this.wake?.();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake?.();
  };
  private readonly onError = (error: unknown): void => {
    this.failure ??= error;
    this.wake?.();
  };
  // A connection closed before the body ended leaves it incomplete.
  private readonly onClose = (): void =>
    this.ended ? undefined : this.onError(new Error('The request closed before its body ended'));

  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) return { done: false, value: chunk };
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return this.return();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    const { req } = this;
    req.off('data', this.onData);
    req.off('end', this.onEnd);
    req.off('error', this.onError);
    req.off('close', this.onClose);
    if (!this.ended) req.pause();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/** Where the body is: the unread stream, else what a body parser left (raw first). */
function bodyOf(req: NodeRequestLike): Pick<WebhookRequest, 'body' | 'parsedBody'> {
  if (!req.readableEnded) return { body: new IncomingChunks(req) };
  if (isRaw(req.rawBody)) return { body: req.rawBody };
  if (isRaw(req.body)) return { body: req.body };
  return { parsedBody: req.body };
}

/** Describes a Node request (plain, or after Express body parsers) for the webhook handler. */
export function describeIncoming<R extends NodeRequestLike>(req: R): WebhookRequest<R> {
  return { method: req.method ?? '', headers: req.headers, ...bodyOf(req), request: req };
}
