import { safeParseEvent, type VoiceflowEvent } from '../core/index';
import { type IncomingHeaders, readHeader } from '../signature/headers';
import { verifySignature } from '../signature/index';
import { readBody, type WebhookBody } from './body';
import type { WebhookSettings } from './options';
import { Refusal, rawBodyUnavailable } from './outcome';

/**
 * The body once received: the exact bytes (with their text when they are valid UTF-8), or only
 * what a body parser made of them. `rawBody` is what `ctx.rawBody` shows.
 */
export type Received =
  | { readonly bytes: Uint8Array; readonly text: string | undefined; readonly rawBody: string }
  | { readonly parsed: unknown; readonly rawBody: string };

/** Where a request's body is, as an adapter describes it (see `WebhookRequest`). */
export interface BodySource {
  readonly headers: IncomingHeaders;
  readonly body?: WebhookBody | null;
  readonly parsedBody?: unknown;
}

// Decoded once: strictly for parsing (invalid UTF-8 must not be silently replaced), and only when
// that fails, leniently for ctx.rawBody, which shows what came whatever it is.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function decoded(bytes: Uint8Array): Received {
  try {
    const text = strict.decode(bytes);
    return { bytes, text, rawBody: text };
  } catch {
    return { bytes, text: undefined, rawBody: lenient.decode(bytes) };
  }
}

const tooLarge = (limit: number): Refusal =>
  new Refusal('payload_too_large', `The body exceeds maxBodyBytes (${limit} bytes)`);

/** Size check (413) and reading, up to `maxBodyBytes` and not a byte further. */
export async function receive(
  source: BodySource,
  settings: WebhookSettings,
): Promise<Received | Refusal> {
  const limit = settings.maxBodyBytes;
  // A declared length over the limit is refused before a single byte is read.
  if (Number(readHeader(source.headers, 'content-length')) > limit) return tooLarge(limit);
  if (source.body !== undefined) {
    try {
      const bytes = await readBody(source.body, limit);
      return bytes === undefined ? tooLarge(limit) : decoded(bytes);
    } catch (error) {
      return new Refusal('body_unreadable', 'Reading the request body failed', error);
    }
  }
  const { parsedBody } = source;
  if (parsedBody === undefined) return rawBodyUnavailable();
  return { parsed: parsedBody, rawBody: JSON.stringify(parsedBody) ?? '' };
}

/** Signature check (401), on the exact bytes received. */
export async function verify(
  received: Received,
  headers: IncomingHeaders,
  secrets: readonly string[],
  toleranceSeconds: number | undefined,
): Promise<Refusal | undefined> {
  if (!('bytes' in received)) return rawBodyUnavailable();
  try {
    await verifySignature({ payload: received.bytes, headers, secret: secrets, toleranceSeconds });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new Refusal('invalid_signature', `The signature was refused: ${reason}`, error);
  }
}

/** JSON and schema checks (400). */
export function parse(received: Received): VoiceflowEvent | Refusal {
  // Bytes that are not UTF-8 go to the parser as bytes, which says so in its own words.
  const input = 'bytes' in received ? (received.text ?? received.bytes) : received.parsed;
  const result = safeParseEvent(input);
  if (result.success) return result.event;
  const { error } = result;
  const detail =
    error.code === 'invalid_json' ? { message: error.message } : { issues: error.issues };
  return new Refusal(error.code, error.message, error, detail);
}

/** Project allowlist (403), for events that carry a string `data.projectID`. */
export function checkProject(
  event: VoiceflowEvent,
  projects: ReadonlySet<string>,
): Refusal | undefined {
  const data = event.data as { projectID?: unknown } | null | undefined;
  const project = typeof data === 'object' && data !== null ? data.projectID : undefined;
  if (typeof project !== 'string' || projects.has(project)) return undefined;
  return new Refusal('project_not_allowed', `Project ${project} is not in the projectID allowlist`);
}
