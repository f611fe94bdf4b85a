import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWebhookParseError, type VoiceflowEvent } from '../core/index';
import type { WebhookContext, WebhookRequestError } from '../http/index';
import { readSignatureHeaders } from '../signature/index';
import { formatIssue, summarizeEvent } from './summary';
import type { Terminal } from './terminal';

/** A running local HTTP server. */
export interface Receiver {
  /** Its base URL, e.g. `http://127.0.0.1:8787/`. */
  readonly url: string;
  /** Stops accepting requests and closes every open connection. */
  readonly close: () => Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Starts `listener` on `host:port` (port 0 picks a free one); rejects when it cannot listen. */
export function startReceiver(listener: Listener, host: string, port: number): Promise<Receiver> {
  const server = createServer((req, res) => void listener(req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const close = (): Promise<void> =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ url: `http://${hostname}:${address.port}/`, close });
    });
  });
}

/** Local wall-clock time with milliseconds, to line deliveries up with the sender's logs. */
function clock(): string {
  const now = new Date();
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
}

/** The handlers of a receiver that prints every delivery, accepted or refused. */
export function deliveryPrinter(
  terminal: Terminal,
  verifying: boolean,
): {
  readonly accepted: (event: VoiceflowEvent, ctx: WebhookContext) => void;
  readonly refused: (error: WebhookRequestError) => void;
} {
  const { style } = terminal;
  const trust = (ctx: WebhookContext): string => {
    if (verifying) return style.green('verified');
    return readSignatureHeaders(ctx.headers) === undefined
      ? style.dim('unsigned')
      : style.yellow('signed, not verified (no --secret)');
  };
  return {
    accepted(event, ctx) {
      const id = ctx.deliveryId === undefined ? '' : style.dim(` id=${ctx.deliveryId}`);
      terminal.out(
        `${style.dim(clock())}  ${style.green('200')}  ${style.bold(event.type)} ${summarizeEvent(event)}  ${trust(ctx)}${id}`,
      );
    },
    refused(error) {
      const parseError = isWebhookParseError(error.cause) ? error.cause : undefined;
      const issues = parseError?.code === 'invalid_event' ? parseError.issues : undefined;
      const detail = issues === undefined ? `  ${error.message}` : '';
      terminal.out(
        `${style.dim(clock())}  ${style.red(String(error.status))}  ${error.code}${detail}`,
      );
      for (const issue of issues ?? [])
        terminal.out(`${' '.repeat(16)}${formatIssue(issue, style)}`);
    },
  };
}
