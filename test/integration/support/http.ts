/** What a test sends: a POST of `body` as JSON unless told otherwise. */
export interface Sent {
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the body as a stream, so without Content-Length (chunked). */
  readonly chunked?: boolean;
}

/** What came back. */
export interface Received {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const chunk = 16 * 1024;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

/** Sends `sent` to `url` over real HTTP and reads the whole answer. */
export async function send(url: string, sent: Sent): Promise<Received> {
  const body = sent.body === undefined || !sent.chunked ? sent.body : streamOf(sent.body);
  const response = await fetch(url, {
    method: sent.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...sent.headers },
    body: body ?? null,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, headers: response.headers, text: await response.text() };
}
