import { voiceflowWebhook } from '../adapters/node/index';
import { defineCommand, positionalArguments, UsageError } from './command';
import { deliveryPrinter, startReceiver } from './receiver';

const DEFAULT_PORT = 8787;

function checkPort(port: string | undefined): number {
  if (port === undefined) return DEFAULT_PORT;
  const value = Number(port);
  if (!/^\d+$/.test(port) || value > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(port)}`);
  }
  return value;
}

/**
 * The library's complaint about a secret in terms of the flag: `voiceflowWebhook: secret[1] must
 * be base64 text...` becomes `--secret #2 must be base64 text...`. Any other error is left as is.
 */
function secretError(error: unknown): unknown {
  const match = /^voiceflowWebhook: secret(?:\[(\d+)\])? (.*)$/s.exec((error as Error).message);
  if (match === null) return error;
  const [, index, complaint] = match;
  // Counted from 1, as the options were typed.
  const flag = index === undefined ? '--secret' : `--secret #${Number(index) + 1}`;
  return new UsageError(`${flag} ${complaint}`);
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `listen`: a local receiver that prints every delivery. */
export const listenCommand = defineCommand({
  name: 'listen',
  summary: 'Run a local receiver that prints every delivery',
  usage: '[--port 8787] [--host 127.0.0.1] [--secret <whsec_...>]',
  help: `Starts a webhook receiver, built on voiceflow-webhooks/node, and prints each delivery:
time, status, event type and key fields, and whether its signature was verified. It answers
exactly as the adapters do (200, 400, 401...). Stop it with Ctrl+C.

Options:
  --port <n>            port to listen on (default 8787; 0 picks a free one)
  --host <address>      address to bind (default 127.0.0.1)
  --secret <whsec_...>  require a valid signature (repeat the option while rotating)

Examples:
  voiceflow-webhooks listen
  voiceflow-webhooks listen --port 3000 --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    secret: { type: 'string', multiple: true },
  },
  async run({ positionals, values, terminal }) {
    positionalArguments(positionals, []);
    const port = checkPort(values.port);
    const secret = values.secret;
    const printer = deliveryPrinter(terminal, secret !== undefined);
    let webhook: ReturnType<typeof voiceflowWebhook>;
    try {
      webhook = voiceflowWebhook({
        ...(secret && { secret }),
        on: { '*': printer.accepted },
        onError: printer.refused,
      });
    } catch (error) {
      throw secretError(error);
    }
    const receiver = await startReceiver(webhook, values.host ?? '127.0.0.1', port);
    const { style } = terminal;
    terminal.out(`Listening for Voiceflow webhooks on ${style.bold(receiver.url)}`);
    terminal.out(
      secret === undefined
        ? style.dim('Signatures are not checked; pass --secret whsec_... to require them.')
        : style.dim(
            `Signatures are required (${secret.length} secret${secret.length > 1 ? 's' : ''}).`,
          ),
    );
    terminal.out(style.dim('Press Ctrl+C to stop.'));
    await untilStopped();
    await receiver.close();
    terminal.out('Stopped.');
    return 0;
  },
});
