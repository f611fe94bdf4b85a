import type { ServerResponse } from 'node:http';
import type { WebhookResponse } from '../../http/index';

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
  if (result.closeConnection) closeAfterAnswer(res);
  res.writeHead(result.status, result.headers).end(result.body);
}
