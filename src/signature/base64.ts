const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Maps a character code to its 6-bit value, or -1 for anything outside the standard alphabet. */
const DECODE_TABLE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Encodes bytes as standard, padded base64 (RFC 4648 section 4).
 *
 * Written by hand: this module must not depend on Node's APIs, and `btoa` needs a binary-string
 * detour.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[triple >> 18]! + ALPHABET[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[triple & 63]!;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? DECODE_TABLE[code]! : -1;
}

/**
 * Decodes standard, padded base64, or returns `undefined` when `text` is not its canonical form.
 *
 * Strict on purpose: only one spelling decodes to a given byte string (padding required, unused
 * trailing bits zero, no whitespace), so a signature whose text was altered can never decode to
 * the expected bytes. The empty string decodes to an empty array.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  const symbols = text.length - padding;
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  for (let i = 0; i < symbols; i++) {
    const value = sextet(text, i);
    if (value < 0) return undefined;
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out[written++] = (bits >> bitCount) & 0xff;
    }
  }
  const leftover = bits & ((1 << bitCount) - 1);
  return leftover === 0 ? out : undefined;
}
