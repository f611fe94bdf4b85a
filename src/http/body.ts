import { LATE, settleWithin } from './time-limit';

/**
 * A body that reads itself, for sources that can be read more cheaply than chunk by chunk. It
 * resolves with the bytes, or with `undefined` as soon as they exceed `limit` (having stopped
 * reading there), and rejects when reading fails.
 */
export type BodyReader = (limit: number) => Promise<Uint8Array | undefined>;

/**
 * A request body not read yet (a web stream, any async iterable of chunks such as a Node request,
 * or a {@link BodyReader}), or one a body parser already read into bytes or text.
 */
export type WebhookBody =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | BodyReader
  | Uint8Array
  | ArrayBuffer
  | string;

const encoder = new TextEncoder();

/**
 * How long the rest of an oversized body is read and thrown away after the limit, before the
 * stream is cancelled. Cancelling at once would reset a connection whose sender is still
 * writing, often before it reads the 413; discarding for a moment (as web servers do with a
 * "lingering close") lets it read the answer, and lets a short excess end cleanly so the
 * connection stays usable. Nothing is kept, so memory does not grow.
 */
const DISCARD_MS = 2_000;

function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const readAll = async (): Promise<void> => {
    for (;;) if ((await reader.read()).done) return;
  };
  void settleWithin(
    readAll().catch(() => undefined),
    DISCARD_MS,
  )
    .then((result) => (result === LATE ? reader.cancel() : undefined))
    .catch(() => undefined);
}

/**
 * Gathers chunks until they exceed `limit`. `add` answers false once they do (the chunk that
 * crossed it is not kept); `bytes` gives what was gathered, one chunk as is or several joined.
 */
export function chunkGatherer(limit: number): {
  add(chunk: Uint8Array): boolean;
  bytes(): Uint8Array;
} {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    add(chunk) {
      size += chunk.byteLength;
      if (size > limit) return false;
      chunks.push(chunk);
      return true;
    },
    bytes() {
      if (chunks.length === 1) return chunks[0]!;
      const whole = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        whole.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return whole;
    },
  };
}

/** Reads chunks with `next` until the end, or until they exceed `limit` (then calls `stop`). */
async function collect(
  next: () => Promise<IteratorResult<Uint8Array, unknown>>,
  stop: () => unknown,
  limit: number,
): Promise<Uint8Array | undefined> {
  const gathered = chunkGatherer(limit);
  for (;;) {
    const { done, value } = await next();
    if (done) return gathered.bytes();
    if (!gathered.add(value)) {
      // Stopping is best effort: the answer is 413 whether or not the source stops cleanly.
      Promise.resolve(stop()).catch(() => undefined);
      return undefined;
    }
  }
}

/**
 * Reads `body` into bytes. A stream or iterable is read only until it exceeds `limit` bytes: the
 * rest is neither read nor buffered. A body already in memory is answered without a promise, as
 * it is; so is what a {@link BodyReader} resolves with: the caller checks their length.
 *
 * @returns the bytes, or `undefined` when a streamed body or a `BodyReader` passed `limit`.
 */
export function readBody(
  body: WebhookBody | null,
  limit: number,
): Uint8Array | undefined | Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  if (typeof body === 'function') return body(limit);
  if (typeof body === 'string') return encoder.encode(body);
  if (ArrayBuffer.isView(body)) return body;
  if ('getReader' in body) {
    const reader = body.getReader();
    return collect(
      () => reader.read(),
      () => discardRest(reader),
      limit,
    );
  }
  // An ArrayBuffer, of this realm or another (which `instanceof ArrayBuffer` would miss, as it
  // does one made by a test runner's realm).
  if ('byteLength' in body) return new Uint8Array(body);
  // Stopping an iterator early (return()) stops its source, as leaving a for-await loop would.
  const chunks = body[Symbol.asyncIterator]();
  return collect(
    () => chunks.next(),
    () => chunks.return?.(),
    limit,
  );
}
