/**
 * Web Crypto needs a `CryptoKey` per secret and importing one costs about as much as the HMAC
 * itself, so the 16 most recently used keys are kept, by their bytes. Most receivers have one or
 * two secrets (two while rotating); the bound only stops a caller that passes ever-new secrets
 * from growing memory.
 */
const keyCache = new Map<string, CryptoKey>();

/**
 * HMAC-SHA256 of `message` keyed with `key`, on Web Crypto so it runs on every runtime.
 *
 * The `node` build swaps this module for `hmac.node.ts`, which has the same exports.
 */
export async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  // The key bytes as a string, so equal secrets share one entry; faster than join() or spread.
  let id = '';
  for (const byte of key) id += String.fromCharCode(byte);
  // Only imported keys are kept: a failed import is tried again on the next call.
  const cryptoKey =
    keyCache.get(id) ??
    (await crypto.subtle.importKey(
      'raw',
      // Web Crypto's types want ArrayBuffer-backed views; the bytes are only read.
      key as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    ));
  // Deleting and setting again marks an entry as most recently used, so eviction is LRU.
  keyCache.delete(id);
  keyCache.set(id, cryptoKey);
  if (keyCache.size > 16) keyCache.delete(keyCache.keys().next().value!);
  return new Uint8Array(
    await crypto.subtle.sign('HMAC', cryptoKey, message as Uint8Array<ArrayBuffer>),
  );
}
