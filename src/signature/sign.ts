import { encodeBase64 } from './base64';
import { computeSignatures, decodeSecret, SIGNATURE_PREFIX } from './scheme';

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 27;

/** Options of {@link signPayload}. */
export interface SignPayloadOptions {
  /** The exact body that will be sent: text (signed as UTF-8) or bytes. */
  payload: string | Uint8Array;
  /** The secret to sign with (`whsec_...`, the prefix is optional). */
  secret: string;
  /** Message id for `webhook-id`. Default: `msg_` followed by random letters and digits. */
  id?: string | undefined;
  /** Signing time in unix seconds. Default: now. */
  timestamp?: number | undefined;
}

/** Random base62 text; bytes that would bias the choice are drawn again. */
function randomId(): string {
  let suffix = '';
  const bytes = new Uint8Array(ID_LENGTH * 2);
  while (suffix.length < ID_LENGTH) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // 248 is the largest multiple of 62 that fits a byte, so bytes below it pick uniformly.
      if (byte < 248) suffix += ID_ALPHABET[byte % 62];
    }
  }
  return `msg_${suffix.slice(0, ID_LENGTH)}`;
}

function unixSeconds(timestamp: number | undefined): number {
  const seconds = timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError('`timestamp` must be a whole, non-negative number of unix seconds.');
  }
  return seconds;
}

/**
 * Signs a payload the way Svix and Standard Webhooks senders do and returns the headers to send
 * with it. Meant for tests, local tools and replays: a receiver using `verifySignature`, the
 * `svix` package or the `standardwebhooks` package accepts the result.
 *
 * @throws {WebhookSignatureError} with reason `invalid_secret` when the secret is not base64.
 * @throws {RangeError} when `timestamp` is not a non-negative integer.
 *
 * @example
 * ```ts
 * import { signPayload } from 'voiceflow-webhooks/testing';
 *
 * const body = JSON.stringify({ type: 'runtime.call.end', data: { ... } });
 * const headers = await signPayload({ payload: body, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
 * await fetch('http://localhost:3000/webhooks/voiceflow', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', ...headers },
 *   body,
 * });
 * ```
 */
export async function signPayload(
  options: SignPayloadOptions,
): Promise<Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>> {
  const key = decodeSecret(options.secret);
  const id = options.id ?? randomId();
  const timestamp = String(unixSeconds(options.timestamp));
  const [signature] = await computeSignatures([key], id, timestamp, options.payload);
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `${SIGNATURE_PREFIX}${encodeBase64(signature!)}`,
  };
}
