import { safeParseEvent, type VoiceflowEvent } from '../core/index';
import { verifySignature } from '../signature/index';
import { readBody, type WebhookBody } from './body';
import type { WebhookSettings } from './options';
import { Refusal, rawBodyUnavailable } from './outcome';

/** The body once received: the exact bytes, or only what a parser made of them. */
export type Received = { readonly bytes: Uint8Array } | { readonly parsed: unknown };

/** Where a request's body is, as an adapter describes it (see `WebhookRequest`). */
export interface BodySource {
  readonly headers: Headers;
  readonly body?: WebhookBody | null;
  readonly parsedBody?: unknown;
}

// Not fatal: ctx.rawBody shows what came, even if it is not UTF-8; parsing decodes strictly.
const lossless = new TextDecoder('utf-8', { ignoreBOM: true });

/** The body as `ctx.rawBody` shows it. */
export function rawText(received: Received): string {
  if ('bytes' in received) return lossless.decode(received.bytes);
  return JSON.stringify(received.parsed) ?? '';
}

/** Size check (413) and reading, up to `maxBodyBytes` and not a byte further. */
export async function receive(
  source: BodySource,
  settings: WebhookSettings,
): Promise<Received | Refusal> {
  // Built only when refusing: most requests never need it.
  const tooLarge = (): Refusal =>
    new Refusal(
      'payload_too_large',
      `The body exceeds maxBodyBytes (${settings.maxBodyBytes} bytes)`,
    );
  // A declared length over the limit is refused before a single byte is read.
  if (Number(source.headers.get('content-length')) > settings.maxBodyBytes) return tooLarge();
  if (source.body !== undefined) {
    try {
      const bytes = await readBody(source.body, settings.maxBodyBytes);
      return bytes === undefined ? tooLarge() : { bytes };
    } catch (error) {
      return new Refusal('body_unreadable', 'Reading the request body failed', error);
    }
  }
  if (source.parsedBody !== undefined) return { parsed: source.parsedBody };
  return rawBodyUnavailable();
}

/** Signature check (401), on the exact bytes received; skipped when no secret is set. */
export async function verify(
  received: Received,
  headers: Headers,
  settings: WebhookSettings,
): Promise<Refusal | undefined> {
  if (settings.secrets === undefined) return undefined;
  if (!('bytes' in received)) return rawBodyUnavailable();
  try {
    await verifySignature({
      payload: received.bytes,
      headers,
      secret: settings.secrets,
      toleranceSeconds: settings.toleranceSeconds,
    });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new Refusal('invalid_signature', `The signature was refused: ${reason}`, error);
  }
}

/** JSON and schema checks (400). */
export function parse(received: Received): VoiceflowEvent | Refusal {
  const result = safeParseEvent('bytes' in received ? received.bytes : received.parsed);
  if (result.success) return result.event;
  const { error } = result;
  const detail =
    error.code === 'invalid_json' ? { message: error.message } : { issues: error.issues };
  return new Refusal(error.code, error.message, error, detail);
}

/** Project allowlist (403), for events that carry a string `data.projectID`. */
export function checkProject(
  event: VoiceflowEvent,
  settings: WebhookSettings,
): Refusal | undefined {
  const data = event.data as { projectID?: unknown } | null | undefined;
  const project = typeof data === 'object' && data !== null ? data.projectID : undefined;
  if (settings.projects === undefined || typeof project !== 'string') return undefined;
  if (settings.projects.has(project)) return undefined;
  return new Refusal('project_not_allowed', `Project ${project} is not in the projectID allowlist`);
}
