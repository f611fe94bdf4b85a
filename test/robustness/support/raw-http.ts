/**
 * A client that speaks HTTP/1.1 byte by byte over a plain socket, so tests can send what no
 * HTTP library would: lying lengths, broken framing, header injection, a body that trickles in,
 * a connection cut mid-body.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Bytes to write, or a pause between writes, in milliseconds. */
export type Step = string | Uint8Array | { readonly pauseMs: number };

/**
 * What the client does once every step is written: wait for the server to close (requests are
 * sent with `Connection: close`), half-close its side first, or cut the connection at once.
 */
export type Finish = 'wait' | 'half-close' | 'abort';

/** One response as received. Header names are lower case; repeated headers are joined. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Every final (non-1xx) response read before the connection closed or the wait ran out. */
export interface RawExchange {
  readonly responses: readonly RawResponse[];
  readonly closedByServer: boolean;
}

const HEADER_END = '\r\n\r\n';

/** A request as bytes: request line, `Host`, the given header lines, then the body. */
export function rawRequest(
  method: string,
  target: string,
  headerLines: readonly string[],
  body: string | Uint8Array = '',
): Uint8Array {
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headerLines].join('\r\n');
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`${head}${HEADER_END}`, 'latin1'), bytes]);
}

function parseHead(head: string): Omit<RawResponse, 'body'> {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

/** Decodes a chunked body; returns where it ends, or `undefined` while it is incomplete. */
function dechunk(data: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) {
      // The last chunk, then optional trailers, then an empty line.
      const end = data.indexOf(HEADER_END, lineEnd);
      return end < 0 ? undefined : { body: Buffer.concat(parts), end: end + 4 };
    }
    at = lineEnd + 2;
    if (at + size > data.length) return undefined;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}

/** The body after a head that ends at `start`, and where the next response begins. */
function bodyAfter(
  data: Buffer,
  start: number,
  response: Omit<RawResponse, 'body'>,
  headRequest: boolean,
): { body: Buffer; end: number } | undefined {
  if (headRequest || response.status < 200 || response.status === 204 || response.status === 304) {
    return { body: Buffer.alloc(0), end: start };
  }
  if (response.headers['transfer-encoding']?.includes('chunked')) return dechunk(data, start);
  const length = response.headers['content-length'];
  if (length === undefined) return { body: data.subarray(start), end: data.length };
  const end = start + Number(length);
  return end <= data.length ? { body: data.subarray(start, end), end } : undefined;
}

/** Splits what the server sent into responses, dropping interim ones (100 Continue). */
export function parseResponses(data: Buffer, headRequest = false): RawResponse[] {
  const responses: RawResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const headEnd = data.indexOf(HEADER_END, at);
    if (headEnd < 0) break;
    const head = parseHead(data.subarray(at, headEnd).toString('latin1'));
    const body = bodyAfter(data, headEnd + 4, head, headRequest);
    if (body === undefined) break;
    if (head.status >= 200) responses.push({ ...head, body: body.body.toString('utf8') });
    at = body.end;
  }
  return responses;
}

/**
 * Connects to `port` on 127.0.0.1, writes `steps`, finishes as told, and collects what comes
 * back until the server closes or `waitMs` runs out (then the client closes).
 */
export async function exchange(
  port: number,
  steps: readonly Step[],
  options: { finish?: Finish; waitMs?: number; headRequest?: boolean } = {},
): Promise<RawExchange> {
  const { finish = 'wait', waitMs = 3_000, headRequest = false } = options;
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  // A server may answer and close before the client has written everything (413, a parse error).
  socket.on('error', () => undefined);
  // With allowHalfOpen the socket stays open after the server's FIN, so 'end' is the signal.
  const closed = Promise.race([once(socket, 'end'), once(socket, 'close')]).then(() => true);
  await once(socket, 'connect');
  for (const step of steps) {
    if (socket.destroyed) break;
    if (typeof step === 'object' && 'pauseMs' in step) await sleep(step.pauseMs);
    else socket.write(step);
  }
  if (finish === 'abort') socket.destroy();
  if (finish === 'half-close') socket.end();
  const closedByServer = await Promise.race([closed, sleep(waitMs).then(() => false)]);
  socket.destroy();
  return {
    responses: parseResponses(Buffer.concat(received), headRequest),
    closedByServer: finish !== 'abort' && closedByServer,
  };
}
