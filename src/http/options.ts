import type { EventRouterOptions } from '../core/index';
import { decodeSecret } from '../signature/scheme';
import type { WebhookRequestError } from './errors';
import type { IdempotencyStore } from './idempotency';

/**
 * What every handler, `onUnknownEvent` and `onError` receive besides the event.
 *
 * @typeParam R - the framework's request object: `Request` (web, Next.js), Hono's `Context`,
 * Express's request, or node's `IncomingMessage`.
 */
export interface WebhookContext<R = unknown> {
  /**
   * The delivery id, the same on every retry of one delivery: from the header set the signature
   * was checked with (`webhook-*`, else `svix-*`); without a complete set, `webhook-id`, else
   * `svix-id`. An accessor, looked up when first read, so `{ ...ctx }` does not copy it.
   */
  readonly deliveryId: string | undefined;
  /**
   * The body as received, decoded as UTF-8; `''` when it was not read (405, 413). After
   * `express.json()` without a raw body, it is `JSON.stringify(req.body)`, since nothing else is left.
   */
  readonly rawBody: string;
  /**
   * The request headers. An accessor: on Node servers they are turned into `Headers` only when
   * first read, so `{ ...ctx }` does not copy them.
   */
  readonly headers: Headers;
  /** The framework's own request object. */
  readonly request: R;
}

/**
 * The options of every adapter's `voiceflowWebhook(options)`.
 *
 * @typeParam R - the framework's request object, as `ctx.request` holds it.
 */
export interface VoiceflowWebhookOptions<R = unknown>
  extends EventRouterOptions<WebhookContext<R>> {
  /**
   * Called for every 4xx/5xx outcome (and when the idempotency store fails to record a finished
   * delivery), for logging. It is not awaited, and whatever it throws or rejects with is ignored:
   * it never changes the response.
   */
  onError?: (error: WebhookRequestError, ctx: WebhookContext<R>) => unknown;
  /**
   * The endpoint's signing secret(s) (`whsec_...`). When set, requests whose signature is missing,
   * wrong or outside `toleranceSeconds` get 401. Pass two while rotating.
   */
  secret?: string | readonly string[];
  /** How far the signed timestamp may be from now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Allowlist of project ids, applied to events that carry a string `data.projectID` (403 otherwise). */
  projectID?: string | readonly string[];
  /** The largest body accepted, in bytes; a larger one gets 413 and is not read further. Default 65536. */
  maxBodyBytes?: number;
  /**
   * Runs the handlers once per delivery id: a retry of a delivery that succeeded gets 200 without
   * running them again. See {@link IdempotencyStore}.
   */
  idempotency?: IdempotencyStore;
  /**
   * How long the response waits for the handlers, in milliseconds; past it the answer is 500
   * `handler_timeout` while the handlers keep running (nothing can cancel them). Default 10000,
   * below the 15 s after which Svix drops a delivery's connection, so the sender gets a definite
   * answer. `Infinity` waits as long as they run. With `idempotency`, the delivery stays in
   * flight until they finish, so a retry meanwhile gets 409.
   */
  handlerTimeoutMs?: number;
}

/** The options once checked, in the form the request handler uses. */
export interface WebhookSettings {
  /** The decoded `secret`s. */
  readonly keys: readonly Uint8Array[] | undefined;
  readonly toleranceSeconds: number | undefined;
  readonly projects: ReadonlySet<string> | undefined;
  readonly maxBodyBytes: number;
  readonly handlerTimeoutMs: number;
}

/** 64 KiB: Voiceflow's events are a few hundred bytes, so this leaves ample room. */
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** 10 s: an answer before Svix gives up on the connection at 15 s. */
const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;

/** The longest delay a timer takes; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Throws the `TypeError` of an invalid option: `name` must be `expected`. */
function invalid(name: string, expected: string): never {
  throw new TypeError(`voiceflowWebhook: ${name} must be ${expected}`);
}

function nonEmptyStrings(name: string, value: string | readonly string[]): readonly string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((item) => !item || typeof item !== 'string')
  ) {
    invalid(name, 'a non-empty string or a non-empty array of them');
  }
  return list;
}

/** The secrets, decoded once here so that no request decodes them again. */
function checkSecrets(options: VoiceflowWebhookOptions<never>): readonly Uint8Array[] | undefined {
  if (!('secret' in options)) return undefined;
  // Present but undefined is almost always an unset environment variable; accepting unsigned
  // requests in that case would silently turn verification off in production.
  if (options.secret === undefined) {
    invalid(
      'secret',
      'set (is its environment variable set?); omit the option to accept unsigned requests',
    );
  }
  const secrets = nonEmptyStrings('secret', options.secret);
  return secrets.map((secret, index) => {
    try {
      return decodeSecret(secret);
    } catch {
      return invalid(
        secrets.length > 1 ? `secret[${index}]` : 'secret',
        'base64 text, optionally prefixed with "whsec_"',
      );
    }
  });
}

/** `value` when it is a number that `accepts` (or `fallback` when undefined); throws otherwise. */
function numberIn<F extends number | undefined>(
  name: string,
  value: unknown,
  fallback: F,
  accepts: (value: number) => boolean,
  expected: string,
): number | F {
  if (value === undefined) return fallback;
  return typeof value === 'number' && accepts(value)
    ? value
    : invalid(name, `${expected}, got ${String(value)}`);
}

/** `value` when it is a positive safe integer, `fallback` when it is undefined; throws otherwise. */
export const positiveInteger = (name: string, value: unknown, fallback: number): number =>
  numberIn(name, value, fallback, (n) => Number.isSafeInteger(n) && n > 0, 'a positive integer');

/**
 * Checks the options once, when the handler is created, so that a mistake fails at start-up with
 * a clear `TypeError` instead of on the first delivery.
 */
export function checkOptions(options: VoiceflowWebhookOptions<never>): WebhookSettings {
  if (typeof options !== 'object' || options === null) invalid('options', 'an object');
  const { onError, idempotency, projectID } = options;
  if (onError !== undefined && typeof onError !== 'function') invalid('onError', 'a function');
  for (const method of ['claim', 'complete', 'release'] as const) {
    if (idempotency !== undefined && typeof idempotency?.[method] !== 'function') {
      invalid('idempotency', `a store with ${method}() (see IdempotencyStore)`);
    }
  }
  return {
    keys: checkSecrets(options),
    toleranceSeconds: numberIn(
      'toleranceSeconds',
      options.toleranceSeconds,
      undefined,
      (n) => n >= 0 && n < Infinity,
      'a finite number of seconds, 0 or more',
    ),
    projects:
      projectID === undefined ? undefined : new Set(nonEmptyStrings('projectID', projectID)),
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES),
    handlerTimeoutMs: numberIn(
      'handlerTimeoutMs',
      options.handlerTimeoutMs,
      DEFAULT_HANDLER_TIMEOUT_MS,
      (n) => n === Infinity || (n > 0 && n <= MAX_TIMER_MS),
      `a positive number of milliseconds up to ${MAX_TIMER_MS}, or Infinity for no limit`,
    ),
  };
}
