/**
 * The parts of the Svix / Standard Webhooks scheme that signing and verifying share, so the two
 * cannot drift apart.
 */
import { decodeBase64 } from './base64';
import { refuse } from './errors';
import { hmacSha256 } from './hmac';

/** What a signature can be computed over: text (signed as UTF-8) or the raw bytes received. */
export type Payload = string | Uint8Array | ArrayBuffer;

/** Marks a signature of the only version this scheme defines; entries of other versions are skipped. */
export const SIGNATURE_PREFIX = 'v1,';

const encoder = new TextEncoder();

/**
 * The HMAC key a secret stands for: the base64 text after an optional `whsec_` prefix.
 * Missing `=` padding is forgiven, since people copy secrets by hand; anything else that is not
 * base64, or an empty key, throws `invalid_secret`.
 */
export function decodeSecret(secret: string): Uint8Array {
  const text = secret.replace(/^whsec_/, '');
  // -length & 3 is how many characters short of a multiple of 4 the text is.
  const key = decodeBase64(text + '='.repeat(-text.length & 3));
  return key?.length ? key : refuse('invalid_secret');
}

/**
 * HMAC-SHA256 of `${id}.${timestamp}.${payload}` under each key, in the order given.
 *
 * The message is assembled as bytes (never by decoding the payload to a string) and built once
 * however many keys there are, which matters while a secret is being rotated. A byte payload is
 * used as is, so a body that is not valid UTF-8 is still signed and checked exactly as received.
 */
export function computeSignatures(
  keys: readonly Uint8Array[],
  id: string,
  timestamp: string,
  payload: Payload,
): Promise<Uint8Array[]> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  // Any view (a DataView, a Uint16Array...) is read as the bytes it spans, not as its elements.
  const body =
    typeof payload === 'string'
      ? encoder.encode(payload)
      : ArrayBuffer.isView(payload)
        ? new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength)
        : new Uint8Array(payload);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix);
  message.set(body, prefix.length);
  return Promise.all(keys.map((key) => hmacSha256(key, message)));
}
