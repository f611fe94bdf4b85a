/**
 * The parts of the Svix / Standard Webhooks scheme that signing and verifying share, so the two
 * cannot drift apart.
 */
import { decodeBase64 } from './base64';
import { WebhookSignatureError } from './errors';
import { hmacSha256 } from './hmac';

/** What a signature can be computed over: text (signed as UTF-8) or the raw bytes received. */
export type Payload = string | Uint8Array | ArrayBuffer;

/** Marks a signature of the only version this scheme defines; entries of other versions are skipped. */
export const SIGNATURE_PREFIX = 'v1,';

const SECRET_PREFIX = 'whsec_';
const encoder = new TextEncoder();

/**
 * The payload as bytes. A byte payload is used as is (a view keeps its offset and length), so a
 * body that is not valid UTF-8 is still signed and checked exactly as it was received.
 */
export function payloadBytes(payload: Payload): Uint8Array {
  if (typeof payload === 'string') return encoder.encode(payload);
  // isView rather than instanceof: views and buffers from another realm must work too.
  if (ArrayBuffer.isView(payload)) {
    return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  }
  return new Uint8Array(payload);
}

/**
 * The HMAC key a secret stands for: the base64 text after an optional `whsec_` prefix.
 * Missing `=` padding is forgiven, since people copy secrets by hand; anything else that is not
 * base64, or an empty key, throws `invalid_secret`.
 */
export function decodeSecret(secret: string): Uint8Array {
  const text = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const padded = text.padEnd(Math.ceil(text.length / 4) * 4, '=');
  const key = decodeBase64(padded);
  if (key === undefined || key.length === 0) throw new WebhookSignatureError('invalid_secret');
  return key;
}

/**
 * HMAC-SHA256 of `${id}.${timestamp}.${payload}` under each key, in the order given.
 *
 * The message is assembled as bytes (never by decoding the payload to a string) and built once
 * however many keys there are, which matters while a secret is being rotated.
 */
export function computeSignatures(
  keys: readonly Uint8Array[],
  id: string,
  timestamp: string,
  payload: Uint8Array,
): Promise<Uint8Array[]> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const message = new Uint8Array(prefix.length + payload.length);
  message.set(prefix);
  message.set(payload, prefix.length);
  return Promise.all(keys.map((key) => hmacSha256(key, message)));
}
