/**
 * Web Crypto needs a `CryptoKey` per secret and importing one costs about as much as the HMAC
 * itself, so recently used keys are kept. Most receivers have one or two secrets (two while
 * rotating); the bound only stops a caller that passes ever-new secrets from growing memory.
 */
const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, Promise<CryptoKey>>();

/** The key bytes as a string, so equal secrets share one cache entry. */
function cacheId(key: Uint8Array): string {
  let id = '';
  for (const byte of key) id += String.fromCharCode(byte);
  return id;
}

function importKey(key: Uint8Array): Promise<CryptoKey> {
  // Web Crypto's types want an ArrayBuffer-backed view; the bytes are only read.
  const raw = key as Uint8Array<ArrayBuffer>;
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function cachedKey(key: Uint8Array): Promise<CryptoKey> {
  const id = cacheId(key);
  const cached = keyCache.get(id);
  if (cached !== undefined) {
    // Re-inserting marks the entry as most recently used, so eviction below is LRU.
    keyCache.delete(id);
    keyCache.set(id, cached);
    return cached;
  }
  const imported = importKey(key);
  // A failed import must not stay cached, or every later call with this secret would fail too.
  imported.catch(() => {
    if (keyCache.get(id) === imported) keyCache.delete(id);
  });
  if (keyCache.size >= MAX_CACHED_KEYS) {
    const oldest = keyCache.keys().next().value;
    if (oldest !== undefined) keyCache.delete(oldest);
  }
  keyCache.set(id, imported);
  return imported;
}

/**
 * HMAC-SHA256 of `message` keyed with `key`, on Web Crypto so it runs on every runtime.
 *
 * The `node` build swaps this module for `hmac.node.ts`, which has the same exports.
 */
export async function hmacSha256(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await cachedKey(key);
  const data = message as Uint8Array<ArrayBuffer>;
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
}
