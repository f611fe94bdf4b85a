import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/signature/base64';
import { toBase64 } from './support';

describe('base64', () => {
  it('encodes exactly as Node does, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(toBase64(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes what it encodes, byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['Zg==', 'f'],
      ['Zm8=', 'fo'],
      ['Zm9v', 'foo'],
      ['Zm9vYg==', 'foob'],
      ['Zm9vYmE=', 'fooba'],
      ['Zm9vYmFy', 'foobar'],
    ];
    for (const [encoded, text] of vectors) {
      expect(new TextDecoder().decode(decodeBase64(encoded)), encoded).toBe(text);
    }
  });

  it('refuses text that is not canonical padded base64', () => {
    const invalid = [
      'Zg', // padding missing
      'Zg=', // padding short
      'Z===', // too much padding
      '=Zg=', // padding not at the end
      'Zh==', // unused trailing bits set: a second spelling of "f"
      'Zm9=', // the same for "fo"
      'Zm 9v', // whitespace
      'Zm9v\n',
      'Zm-_', // base64url alphabet
      'Zm9é',
    ];
    for (const text of invalid) expect(decodeBase64(text), JSON.stringify(text)).toBeUndefined();
  });

  it('gives every byte string exactly one accepted spelling', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 63 }),
        (bytes, index, shift) => {
          const text = encodeBase64(bytes);
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
          const at = index % text.replace(/=+$/, '').length;
          const replaced = alphabet[(alphabet.indexOf(text[at]!) + shift) % 64]!;
          const altered = text.slice(0, at) + replaced + text.slice(at + 1);
          const decoded = decodeBase64(altered);
          if (decoded !== undefined) expect(decoded).not.toEqual(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });
});
