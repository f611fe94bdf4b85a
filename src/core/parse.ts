import { type Issue, WebhookParseError } from './errors';
import type { VoiceflowEvent } from './types';
import { eventIssues, type Issues } from './validate';

/** Bytes as `parseEvent` accepts them: a `Uint8Array` (Node's `Buffer` is one) or an `ArrayBuffer`. */
export type EventBytes = Uint8Array | ArrayBuffer;

/** The result of {@link safeParseEvent}. */
export type SafeParseEventResult =
  | { readonly success: true; readonly event: VoiceflowEvent }
  | { readonly success: false; readonly error: WebhookParseError };

// `fatal` turns invalid UTF-8 into an error instead of silently inserting U+FFFD, which would
// change what the sender sent. `ignoreBOM` keeps a BOM in the text so that `parseJson` drops
// exactly one for strings and bytes alike.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Wraps a decoding error so it cannot be mistaken for an input that happens to be an Error. */
class DecodeFailure {
  readonly error: WebhookParseError;
  constructor(message: string) {
    const issue: Issue = { path: '', message };
    this.error = new WebhookParseError('invalid_json', [issue]);
  }
}

function decodeBytes(input: EventBytes | ArrayBufferView): string | DecodeFailure {
  try {
    return utf8.decode(input);
  } catch {
    return new DecodeFailure('Body is not valid UTF-8');
  }
}

function parseJson(text: string): unknown {
  // A BOM is legal at the start of a UTF-8 text but not in JSON; senders and editors add it.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (error) {
    return new DecodeFailure(`Body is not valid JSON: ${(error as Error).message}`);
  }
}

function isBytes(input: unknown): input is EventBytes | ArrayBufferView {
  return ArrayBuffer.isView(input) || input instanceof ArrayBuffer;
}

/** Turns any accepted input form into a JSON value, or the error saying why it is not one. */
function toJsonValue(input: unknown): unknown {
  if (typeof input === 'string') return parseJson(input);
  if (isBytes(input)) {
    const text = decodeBytes(input);
    return typeof text === 'string' ? parseJson(text) : text;
  }
  return input;
}

/** Validation that survives objects whose getters throw (proxies, accessors), so nothing escapes. */
function issuesOf(value: unknown): Issues | undefined {
  try {
    return eventIssues(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path: '', message: `Reading the input threw: ${reason}` }];
  }
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
  const value = toJsonValue(input);
  if (value instanceof DecodeFailure) return { success: false, error: value.error };
  const issues = issuesOf(value);
  if (issues !== undefined) {
    return { success: false, error: new WebhookParseError('invalid_event', issues) };
  }
  return { success: true, event: value as VoiceflowEvent };
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
