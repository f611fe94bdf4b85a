import { decodeBase64 } from './base64';
import { refuse } from './errors';
import { type IncomingHeaders, readSignatureHeaders } from './headers';
import { computeSignatures, decodeSecret, type Payload, SIGNATURE_PREFIX } from './scheme';

/** Options of {@link verifySignature}. */
export interface VerifySignatureOptions {
  /**
   * The body exactly as received: the raw bytes, or the text they decode to. A body that was
   * parsed and serialised again will not verify.
   */
  payload: Payload;
  /** The request headers: a web `Headers` or a plain object such as Node's `req.headers`. */
  headers: IncomingHeaders;
  /**
   * The endpoint's secret (`whsec_...`, the prefix is optional). While rotating, pass the old
   * and the new secret: a signature from either is accepted.
   */
  secret: string | readonly string[];
  /** How far the signed timestamp may be from `now`, either way, in seconds. Default 300. */
  toleranceSeconds?: number | undefined;
  /** The current time, for tests or a trusted clock. Default: the system clock. */
  now?: Date | undefined;
}

/**
 * Compares two byte arrays in time that depends only on their lengths, so an attacker cannot
 * learn how many leading bytes of a forged signature were right.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Different lengths make it non-zero from the start; a byte beyond the end of b reads as 0.
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return !difference;
}

/**
 * Verifies a Svix / Standard Webhooks signature, as Voiceflow's webhooks carry it. Resolves when
 * at least one `v1` signature in the header matches one of the secrets and the timestamp is
 * within tolerance; otherwise rejects with a {@link WebhookSignatureError} whose `reason` says why.
 *
 * Reads `webhook-id`, `webhook-timestamp`, `webhook-signature`, or the same under `svix-`.
 * Uses Web Crypto (or `node:crypto` in the Node build), so it runs on any runtime.
 *
 * @throws {WebhookSignatureError} when the request cannot be trusted or a secret is malformed.
 * @throws {RangeError} when `toleranceSeconds` or `now` is not usable.
 *
 * @example
 * ```ts
 * import { isWebhookSignatureError, verifySignature } from 'voiceflow-webhooks';
 *
 * export async function POST(request: Request): Promise<Response> {
 *   const payload = await request.text();
 *   try {
 *     await verifySignature({ payload, headers: request.headers, secret: process.env.VOICEFLOW_WEBHOOK_SECRET! });
 *   } catch (error) {
 *     if (isWebhookSignatureError(error)) return new Response(null, { status: 401 });
 *     throw error;
 *   }
 *   // payload is authentic: parse and handle it
 *   return Response.json({ received: true });
 * }
 * ```
 */
export async function verifySignature(options: VerifySignatureOptions): Promise<void> {
  const { secret } = options;
  // Configuration errors come first so they surface even for unsigned requests. An empty list
  // becomes an empty secret, refused like any other invalid one.
  const keys = (typeof secret === 'string' ? [secret] : secret.length ? secret : ['']).map(
    decodeSecret,
  );
  return verifyWithKeys(keys, options);
}

/**
 * {@link verifySignature} with the secrets already decoded by `decodeSecret`: the request
 * handler decodes them once, when it is created, rather than on every request.
 */
export async function verifyWithKeys(
  keys: readonly Uint8Array[],
  options: Omit<VerifySignatureOptions, 'secret'>,
): Promise<void> {
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // NaN, or an Invalid Date, would make every tolerance comparison false and so accept replays.
  if (!(tolerance >= 0 && tolerance + now < Infinity)) {
    throw new RangeError('`toleranceSeconds` must be finite and >= 0, `now` a valid Date');
  }

  const { id, timestamp, signature } =
    readSignatureHeaders(options.headers) ?? refuse('missing_headers');
  if (!/^\d+$/.test(timestamp)) refuse('invalid_timestamp');
  if (Math.abs(now - +timestamp) > tolerance) refuse('timestamp_out_of_tolerance');

  // Only v1 entries count, and one that is not canonical base64 can match nothing.
  const received = signature
    .split(' ')
    .map((entry) =>
      entry.startsWith(SIGNATURE_PREFIX)
        ? decodeBase64(entry.slice(SIGNATURE_PREFIX.length))
        : undefined,
    );
  const expected = await computeSignatures(keys, id, timestamp, options.payload);
  if (
    !expected.some((mine) => received.some((theirs) => theirs && timingSafeEqual(mine, theirs)))
  ) {
    refuse('no_matching_signature');
  }
}
