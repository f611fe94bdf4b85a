import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of `message` keyed with `key`, on `node:crypto`.
 *
 * Only the build for the `node` export condition uses this twin of `hmac.ts`: Node's native,
 * synchronous HMAC avoids Web Crypto's key import and promise hops. The result is copied into a
 * plain `Uint8Array` so both variants return the same type.
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const digest = createHmac('sha256', key).update(message).digest();
  return Promise.resolve(new Uint8Array(digest));
}
