/**
 * Encodes bytes as standard, padded base64 (RFC 4648 section 4).
 *
 * On `btoa`, which every supported runtime has, through the binary string it expects.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Decodes standard, padded base64, or returns `undefined` when `text` is not its canonical form.
 *
 * Strict on purpose: only one spelling decodes to a given byte string (padding required, unused
 * trailing bits zero, no whitespace), so a signature whose text was altered can never decode to
 * the expected bytes. `atob` alone forgives all of those, so the result must encode back to
 * `text`. The empty string decodes to an empty array.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const binary = atob(text);
    if (btoa(binary) !== text) return undefined;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    // atob throws on characters outside the alphabet and on impossible lengths.
  }
  return undefined;
}
