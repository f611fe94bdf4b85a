/**
 * Request headers as a web `Headers` object or a plain object such as Node's
 * `IncomingMessage.headers`. Plain-object names are matched case-insensitively; for a repeated
 * header given as an array, the first value is used.
 */
export type IncomingHeaders = Headers | Record<string, string | string[] | undefined>;

/** The three values the Svix / Standard Webhooks scheme signs with, exactly as received. */
export interface SignatureHeaders {
  /** Message id (`webhook-id` / `svix-id`); the same on every retry of one delivery. */
  id: string;
  /** Unix seconds when the message was signed, as the sender wrote them. */
  timestamp: string;
  /** Space-separated `v1,<base64>` entries. */
  signature: string;
}

/**
 * The key of a plain-object header `name` (lower case): itself when present, as it always is in
 * Node's objects, otherwise the one that matches ignoring case. Comparing lengths first keeps the
 * search cheap for the common miss, such as an unsigned request without `webhook-id`.
 */
function plainKey(headers: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(headers, name)) return name;
  for (const candidate in headers) {
    const same = candidate.length === name.length && candidate.toLowerCase() === name;
    if (same && Object.hasOwn(headers, candidate)) return candidate;
  }
  return undefined;
}

/** A header's value; a missing or empty header is `undefined`. `name` must be lower case. */
export function readHeader(headers: IncomingHeaders, name: string): string | undefined {
  let value: string | string[] | null | undefined;
  if (typeof headers.get === 'function') {
    value = (headers as Headers).get(name);
  } else {
    const plain = headers as Record<string, string | string[] | undefined>;
    const key = plainKey(plain, name);
    value = key && plain[key];
  }
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/** Standard Webhooks names first; Svix sends the same values under its own prefix too. */
const SIGNATURE_HEADER_NAMES = [
  ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  ['svix-id', 'svix-timestamp', 'svix-signature'],
] as const;

/**
 * Reads the signature headers, preferring the `webhook-*` names and falling back to `svix-*`.
 * The three values always come from the same prefix, never a mix.
 *
 * @returns the values, or `undefined` when neither prefix has all three (non-empty).
 *
 * @example
 * ```ts
 * const signed = readSignatureHeaders(request.headers);
 * if (signed === undefined) return new Response(null, { status: 401 });
 * ```
 */
export function readSignatureHeaders(headers: IncomingHeaders): SignatureHeaders | undefined {
  for (const [idName, timestampName, signatureName] of SIGNATURE_HEADER_NAMES) {
    const id = readHeader(headers, idName);
    // Most unsigned requests carry no id, so the other two names are not looked up for them.
    if (id === undefined) continue;
    const timestamp = readHeader(headers, timestampName);
    const signature = readHeader(headers, signatureName);
    if (timestamp && signature) return { id, timestamp, signature };
  }
  return undefined;
}

/**
 * The delivery id, which stays the same across retries and so serves as an idempotency key: the
 * id of the header set that {@link readSignatureHeaders} picks, which is the one a signature is
 * checked with, so a signed request cannot carry an unsigned id of the other prefix; without a
 * complete set, `webhook-id`, else `svix-id`.
 *
 * @example
 * ```ts
 * const deliveryId = webhookIdFromHeaders(request.headers);
 * if (deliveryId !== undefined && (await seen(deliveryId))) return;
 * ```
 */
export function webhookIdFromHeaders(headers: IncomingHeaders): string | undefined {
  return (
    readSignatureHeaders(headers)?.id ??
    readHeader(headers, 'webhook-id') ??
    readHeader(headers, 'svix-id')
  );
}
