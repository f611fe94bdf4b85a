import { decodeBase64 } from './base64';
import { WebhookSignatureError } from './errors';
import { type IncomingHeaders, readSignatureHeaders } from './headers';
import {
  computeSignatures,
  decodeSecret,
  type Payload,
  payloadBytes,
  SIGNATURE_PREFIX,
} from './scheme';

const DEFAULT_TOLERANCE_SECONDS = 300;
const UNIX_SECONDS = /^[0-9]+$/;

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
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function secretKeys(secret: string | readonly string[]): Uint8Array[] {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new WebhookSignatureError('invalid_secret');
  return secrets.map(decodeSecret);
}

function nowSeconds(now: Date | undefined): number {
  const milliseconds = (now ?? new Date()).getTime();
  // An Invalid Date would make every tolerance comparison false, which would accept replays.
  if (!Number.isFinite(milliseconds)) throw new RangeError('`now` must be a valid Date.');
  return Math.floor(milliseconds / 1000);
}

function checkTolerance(tolerance: number): number {
  // NaN would make every comparison false and silently disable replay protection.
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError('`toleranceSeconds` must be a finite number of seconds, 0 or more.');
  }
  return tolerance;
}

function checkTimestamp(timestamp: string, now: number, tolerance: number): void {
  if (!UNIX_SECONDS.test(timestamp)) throw new WebhookSignatureError('invalid_timestamp');
  if (Math.abs(now - Number(timestamp)) > tolerance) {
    throw new WebhookSignatureError('timestamp_out_of_tolerance');
  }
}

/** The `v1` signatures of the header; other versions and undecodable entries are skipped. */
function receivedSignatures(header: string): Uint8Array[] {
  const signatures: Uint8Array[] = [];
  for (const entry of header.split(' ')) {
    if (!entry.startsWith(SIGNATURE_PREFIX)) continue;
    const bytes = decodeBase64(entry.slice(SIGNATURE_PREFIX.length));
    if (bytes !== undefined) signatures.push(bytes);
  }
  return signatures;
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
  // Configuration errors come first so they surface even for unsigned requests.
  const keys = secretKeys(options.secret);
  const tolerance = checkTolerance(options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  const now = nowSeconds(options.now);

  const signed = readSignatureHeaders(options.headers);
  if (signed === undefined) throw new WebhookSignatureError('missing_headers');
  checkTimestamp(signed.timestamp, now, tolerance);

  const received = receivedSignatures(signed.signature);
  const expected = await computeSignatures(
    keys,
    signed.id,
    signed.timestamp,
    payloadBytes(options.payload),
  );
  const matches = expected.some((mine) => received.some((theirs) => timingSafeEqual(mine, theirs)));
  if (!matches) throw new WebhookSignatureError('no_matching_signature');
}
