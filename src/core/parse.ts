import { WebhookParseError } from './errors';
import type { VoiceflowEvent } from './types';
import { eventIssues, type Issues } from './validate';

/** Bytes as `parseEvent` accepts them: a `Uint8Array` (Node's `Buffer` is one) or an `ArrayBuffer`. */
export type EventBytes = Uint8Array | ArrayBuffer;

/** The result of {@link safeParseEvent}. */
export type SafeParseEventResult =
  | { readonly success: true; readonly event: VoiceflowEvent }
  | { readonly success: false; readonly error: WebhookParseError };

// `fatal` turns invalid UTF-8 into an error instead of silently inserting U+FFFD, which would
// change what the sender sent. `ignoreBOM` keeps a BOM in the text so that it is dropped below
// exactly once for strings and bytes alike.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A copy of the bytes of `value` when it is an `ArrayBuffer` of any realm (`instanceof` misses
 * those of a test runner's or a `vm` context's realm) or a `SharedArrayBuffer` (a copy, since a
 * decoder may refuse a shared buffer); `undefined` for anything else, and for a proxy whose traps
 * throw.
 */
function bufferBytes(value: unknown): Uint8Array | undefined {
  try {
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
      return new Uint8Array(value as ArrayBufferLike).slice();
    }
  } catch {
    // A detached buffer or a hostile object: not bytes to read.
  }
  return undefined;
}

/**
 * `bytes` as UTF-8 text, a leading BOM kept; `undefined` when they are not valid UTF-8. The request
 * handler decodes with it too, so that a body is decoded once for both `ctx.rawBody` and parsing.
 */
export function decodeUtf8(bytes: EventBytes | ArrayBufferView): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A refusal of the body as a whole: not UTF-8 or not JSON. */
const invalidJson = (message: string): SafeParseEventResult => ({
  success: false,
  error: new WebhookParseError('invalid_json', [{ path: '', message }]),
});

/** Validation that survives objects whose getters throw (proxies, accessors), so nothing escapes. */
function issuesOf(value: unknown): Issues | undefined {
  try {
    return eventIssues(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path: '', message: `Reading the input threw: ${reason}` }];
  }
}

/** Checks a JSON value, the input itself when it came parsed. */
function checked(value: unknown): SafeParseEventResult {
  const issues = issuesOf(value);
  return issues === undefined
    ? { success: true, event: value as VoiceflowEvent }
    : { success: false, error: new WebhookParseError('invalid_event', issues) };
}

/**
 * Parses and validates a webhook body without throwing.
 *
 * Accepts a parsed object, a JSON string or the raw bytes (UTF-8, leading BOM ignored). Known
 * event types are checked against their documented fields; any other object with a string
 * `type` is returned untouched as an {@link UnknownEvent}. The returned event is the parsed
 * value itself: nothing is renamed, coerced, defaulted or dropped.
 *
 * @example
 * ```ts
 * import { safeParseEvent } from 'voiceflow-webhooks';
 *
 * const result = safeParseEvent(await request.text());
 * if (!result.success) return Response.json(result.error.issues, { status: 400 });
 * console.log(result.event.type);
 * ```
 */
export function safeParseEvent(input: unknown): SafeParseEventResult {
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    const result = checked(input);
    if (result.success) return result;
    // Buffers are rare inputs, so they are told apart only once they failed as an event.
    const bytes = bufferBytes(input);
    return bytes === undefined ? result : safeParseEvent(bytes);
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text === undefined) return invalidJson('Body is not valid UTF-8');
  let value: unknown;
  try {
    // A BOM is legal at the start of a UTF-8 text but not in JSON; senders and editors add it.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return invalidJson(`Body is not valid JSON: ${(error as Error).message}`);
  }
  return checked(value);
}

/**
 * Parses and validates a webhook body, throwing {@link WebhookParseError} when it is not an
 * event. Same inputs and rules as {@link safeParseEvent}.
 *
 * @example
 * ```ts
 * import { parseEvent } from 'voiceflow-webhooks';
 *
 * export async function POST(request: Request): Promise<Response> {
 *   const event = parseEvent(await request.text());
 *   if (event.type === 'runtime.call.end') {
 *     console.log(event.data.endTime - event.data.startTime, 'ms');
 *   }
 *   return Response.json({ received: true });
 * }
 * ```
 */
export function parseEvent(input: unknown): VoiceflowEvent {
  const result = safeParseEvent(input);
  if (!result.success) throw result.error;
  return result.event;
}
