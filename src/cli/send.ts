import { EVENT_TYPES, type EventType, isEventType, safeParseEvent } from '../core/index';
import { isWebhookSignatureError, signPayload } from '../signature/index';
import { createEvent } from '../testing/factories';
import { defineCommand, positionalArguments, UsageError } from './command';
import { type Body, DeliveryError, deliver, isDelivered } from './deliver';
import { readInput } from './input';
import { summarizeEvent } from './summary';
import type { Terminal } from './terminal';

function checkUrl(url: string | undefined): string {
  if (url === undefined) throw new UsageError('missing option --url <url>');
  const protocol = URL.canParse(url) ? new URL(url).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`--url must be an http or https URL, got ${JSON.stringify(url)}`);
  }
  return url;
}

function looksLikeFile(source: string): boolean {
  return source === '-' || source.endsWith('.json') || source.includes('/');
}

/** The body to send: a generated event of a known type, or a file's exact bytes. */
async function bodyFor(source: string, platform: string | undefined): Promise<Body> {
  if (isEventType(source)) {
    if (platform !== undefined && !source.startsWith('runtime.call.')) {
      throw new UsageError('--platform applies to runtime.call.* events only');
    }
    return JSON.stringify(createEvent(source as EventType, {}, { platform }));
  }
  if (!looksLikeFile(source)) {
    throw new UsageError(
      `unknown event type ${JSON.stringify(source)}; known types: ${EVENT_TYPES.join(', ')}`,
    );
  }
  if (platform !== undefined) throw new UsageError('--platform applies to generated events only');
  return readInput(source);
}

async function signatureFor(
  body: Body,
  secret: string | undefined,
): Promise<Record<string, string>> {
  if (secret === undefined) return {};
  try {
    return await signPayload({ payload: body, secret });
  } catch (error) {
    if (isWebhookSignatureError(error)) throw new UsageError(`--secret: ${error.message}`);
    throw error;
  }
}

function describeBody(body: Body): string {
  const result = safeParseEvent(body);
  if (!result.success) return `(not a valid event: ${result.error.code})`;
  return `${result.event.type} ${summarizeEvent(result.event)}`;
}

async function send(
  terminal: Terminal,
  url: string,
  body: Body,
  headers: Record<string, string>,
): Promise<number> {
  const { style } = terminal;
  const id = headers['webhook-id'];
  const signed = id === undefined ? 'unsigned' : `signed, webhook-id ${id}`;
  terminal.out(`${style.dim('→')} POST ${url}  ${describeBody(body)}  ${style.dim(`(${signed})`)}`);
  try {
    const delivery = await deliver(url, body, headers);
    const ok = isDelivered(delivery.status);
    const status = ok ? style.green(delivery.statusLine) : style.red(delivery.statusLine);
    terminal.out(`${style.dim('←')} ${status}  ${delivery.body}`);
    return ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    terminal.err(`${terminal.errStyle.red('error')} ${error.message}`);
    return 1;
  }
}

/** `send`: POSTs a realistic event, or a file, to a webhook URL. */
export const sendCommand = defineCommand({
  name: 'send',
  summary: 'POST a realistic event (or a file) to a URL, optionally signed',
  usage: '<type|file.json|-> --url <url> [--platform <name>] [--secret <whsec_...>]',
  help: `Sends a generated event of a known type (fresh ids and times on every run), or the
exact bytes of a file, as Voiceflow would. Prints the response status and body; exits 1 unless
the status is 2xx.

Options:
  --url <url>           where to POST (required)
  --platform <name>     platform of a generated call event: twilio (default), web-voice, ...
  --secret <whsec_...>  sign the request (Svix / Standard Webhooks headers)

Event types:
  ${EVENT_TYPES.join('\n  ')}

Examples:
  voiceflow-webhooks send runtime.call.end --url http://localhost:3000/webhooks/voiceflow
  voiceflow-webhooks send runtime.call.start --platform web-voice --url http://127.0.0.1:8787
  voiceflow-webhooks send payload.json --url http://127.0.0.1:8787 --secret whsec_...`,
  options: {
    url: { type: 'string' },
    platform: { type: 'string' },
    secret: { type: 'string' },
  },
  async run({ positionals, values, terminal }) {
    const [source] = positionalArguments(positionals, ['<type|file.json|->']);
    const url = checkUrl(values.url);
    const body = await bodyFor(source!, values.platform);
    return send(terminal, url, body, await signatureFor(body, values.secret));
  },
});
