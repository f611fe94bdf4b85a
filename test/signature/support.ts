import fc from 'fast-check';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';

/** Svix's and Standard Webhooks' verifiers, fed the exact bytes; each throws when it rejects. */
export const oracles = {
  svix: (secret: string, payload: Uint8Array, headers: Record<string, string>): void => {
    new SvixWebhook(secret).verify(Buffer.from(payload), headers);
  },
  standardwebhooks: (
    secret: string,
    payload: Uint8Array,
    headers: Record<string, string>,
  ): void => {
    // jsonParse off: the payloads are arbitrary text, and only the signature is under test.
    new StandardWebhook(secret).verify(payload, headers, { jsonParse: false });
  },
} as const;

export const oracleNames = Object.keys(oracles) as (keyof typeof oracles)[];

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A secret as Svix issues them (random bytes in base64), with or without `whsec_`. */
export const secretArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.boolean())
  .map(([bytes, prefixed]) => `${prefixed ? 'whsec_' : ''}${toBase64(bytes)}`);

export const messageIdArbitrary: fc.Arbitrary<string> =
  fc.stringMatching(/^msg_[A-Za-z0-9_-]{1,40}$/);

/** Text payloads, biased towards JSON, emoji and other multibyte characters. */
export const payloadArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.json(),
  fc.constantFrom(
    '{"type":"runtime.call.end","data":{"userID":"😀👩‍👩‍👧"}}',
    'café ☕ 你好 🇨🇦',
    '',
  ),
);

/** UTF-8 spends more than one byte only on characters outside ASCII. */
export const hasNonAscii = (text: string): boolean => encode(text).length !== text.length;

/** Runs `predicate` and says whether it threw, for oracles that signal rejection by throwing. */
export function rejects(predicate: () => void): boolean {
  try {
    predicate();
    return false;
  } catch {
    return true;
  }
}
