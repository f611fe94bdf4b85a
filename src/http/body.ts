import { LATE, settleWithin } from './time-limit';

/**
 * A request body not read yet (a web stream, or any async iterable of chunks such as a Node
 * request), or one a body parser already read into bytes or text.
 */
export type WebhookBody =
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Uint8Array
  | ArrayBuffer
  | string;

const encoder = new TextEncoder();

/** Gathers chunks up to a byte limit, refusing the chunk that would cross it. */
class BoundedChunks {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  /** Keeps `chunk`; false (keeping nothing more) once the total would exceed the limit. */
  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > this.limit) return false;
    this.chunks.push(chunk);
    return true;
  }

  bytes(): Uint8Array {
    if (this.chunks.length === 1) return this.chunks[0]!;
    const joined = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return joined;
  }
}

function isReadableStream(body: object): body is ReadableStream<Uint8Array> {
  return typeof (body as Partial<ReadableStream>).getReader === 'function';
}

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

async function drainStream(
  stream: ReadableStream<Uint8Array>,
  buffer: BoundedChunks,
): Promise<boolean> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (!buffer.add(value)) {
      discardRest(reader);
      return false;
    }
  }
}

async function drainIterable(
  chunks: AsyncIterable<Uint8Array>,
  buffer: BoundedChunks,
): Promise<boolean> {
  // Leaving the loop early calls the iterator's return(), which stops the source.
  for await (const chunk of chunks) if (!buffer.add(chunk)) return false;
  return true;
}

/** Bytes of a body that is already in memory. */
function wholeBytes(body: string | ArrayBuffer | Uint8Array): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  return body instanceof ArrayBuffer ? new Uint8Array(body) : body;
}

/**
 * Reads `body` into bytes, stopping as soon as it exceeds `limit` bytes: the rest is neither read
 * nor buffered. A body already in memory is answered without a promise.
 *
 * @returns the bytes, or `undefined` when the body is larger than `limit`.
 */
export function readBody(
  body: WebhookBody | null,
  limit: number,
): Uint8Array | undefined | Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  if (typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = wholeBytes(body);
    return bytes.byteLength > limit ? undefined : bytes;
  }
  const buffer = new BoundedChunks(limit);
  const complete = isReadableStream(body) ? drainStream(body, buffer) : drainIterable(body, buffer);
  return complete.then((whole) => (whole ? buffer.bytes() : undefined));
}
