import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookRequest, WebhookResponse } from '../../http/index';

/** What body parsers leave on a Node request: `body` (Express), `rawBody` (a `verify` hook). */
interface ParsedIncoming {
  body?: unknown;
  rawBody?: unknown;
}

function isRaw(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value);
  }
  return headers;
}

/** Where the body is: the unread stream, else what a body parser left (raw first). */
function bodyOf(
  req: IncomingMessage & ParsedIncoming,
): Pick<WebhookRequest, 'body' | 'parsedBody'> {
  // destroyOnReturn off: stopping at the size limit must leave the socket open for the 413.
  if (!req.readableEnded) return { body: req.iterator({ destroyOnReturn: false }) };
  if (isRaw(req.rawBody)) return { body: req.rawBody };
  if (isRaw(req.body)) return { body: req.body };
  return { parsedBody: req.body };
}

/** Describes a Node request (plain, or after Express body parsers) for the webhook handler. */
export function describeIncoming<R extends IncomingMessage>(req: R): WebhookRequest<R> {
  return { method: req.method ?? '', headers: headersOf(req), ...bodyOf(req), request: req };
}

/**
 * How long a connection whose request body was left unread stays half-open after the answer:
 * time for the sender to read the 413 before the connection is dropped.
 */
const LINGER_MS = 2000;

/**
 * Ends the connection once the answer is out. A plain close with unread request bytes makes the
 * kernel send a reset, which can reach the sender before it has read the answer; so only our side
 * is closed (FIN) at first, nothing more is read, and the socket is destroyed after `LINGER_MS`.
 */
function closeAfterAnswer(res: ServerResponse): void {
  const socket = res.socket;
  res.once('finish', () => {
    socket?.end();
    setTimeout(() => socket?.destroy(), LINGER_MS).unref();
  });
}

/** Writes the handler's answer; drops the connection when the request body was left unread. */
export function sendResponse(res: ServerResponse, result: WebhookResponse): void {
  // A handler that answered through the framework's own response has already been heard.
  if (res.headersSent) return;
  res.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.closeConnection) closeAfterAnswer(res);
  res.end(result.body);
}
