/** One reason an input is not a valid event. */
export interface Issue {
  /** Dotted path of the offending field, e.g. `"data.startTime"`; `""` for the input itself. */
  readonly path: string;
  /** What was expected and what was found. */
  readonly message: string;
}

/** `invalid_json`: the body is not JSON (or not UTF-8). `invalid_event`: JSON, but not an event. */
export type WebhookParseErrorCode = 'invalid_json' | 'invalid_event';

const BRAND = Symbol.for('voiceflow-webhooks.WebhookParseError');

/**
 * Thrown by `parseEvent` (and returned by `safeParseEvent`) when an input is not a valid event.
 *
 * @example
 * ```ts
 * try {
 *   parseEvent(body);
 * } catch (error) {
 *   if (isWebhookParseError(error)) console.log(error.code, error.issues);
 * }
 * ```
 */
export class WebhookParseError extends Error {
  override readonly name = 'WebhookParseError';
  /** Which check failed: JSON decoding or the event schema. */
  readonly code: WebhookParseErrorCode;
  /** Every problem found, first one first; never empty. */
  readonly issues: readonly [Issue, ...Issue[]];

  /** @param code what failed; @param issues every problem found, at least one. */
  constructor(code: WebhookParseErrorCode, issues: readonly [Issue, ...Issue[]]) {
    super(summarize(issues));
    this.code = code;
    this.issues = issues;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

function summarize(issues: readonly [Issue, ...Issue[]]): string {
  const [first, ...rest] = issues;
  return rest.length === 0 ? first.message : `${first.message} (and ${rest.length} more)`;
}

/**
 * Whether `error` is a {@link WebhookParseError}, also when it comes from another copy of this
 * package or another realm, where `instanceof` fails.
 */
export function isWebhookParseError(error: unknown): error is WebhookParseError {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as Record<symbol, unknown>)[BRAND] === true ||
      ((error as { name?: unknown }).name === 'WebhookParseError' &&
        Array.isArray((error as { issues?: unknown }).issues)))
  );
}
