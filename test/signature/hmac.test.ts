import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as nodeVariant from '../../src/signature/hmac.node';
import { encode } from './support';

type Hmac = typeof nodeVariant.hmacSha256;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A fresh copy of the web variant, so each test starts with an empty key cache. */
async function freshWebVariant(): Promise<{ hmacSha256: Hmac }> {
  vi.resetModules();
  return import('../../src/signature/hmac');
}

describe('HMAC-SHA256 variants', () => {
  let web: { hmacSha256: Hmac };
  beforeEach(async () => {
    web = await freshWebVariant();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('computes the RFC 4231 test vectors on both Web Crypto and node:crypto', async () => {
    const cases = [
      {
        key: new Uint8Array(20).fill(0x0b),
        data: encode('Hi There'),
        mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
      },
      {
        key: encode('Jefe'),
        data: encode('what do ya want for nothing?'),
        mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
      },
      {
        // A key longer than the block size is hashed first; both variants must agree on it.
        key: new Uint8Array(131).fill(0xaa),
        data: encode('Test Using Larger Than Block-Size Key - Hash Key First'),
        mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
      },
    ];
    for (const variant of [web.hmacSha256, nodeVariant.hmacSha256]) {
      for (const { key, data, mac } of cases) expect(hex(await variant(key, data))).toBe(mac);
    }
  });

  it('gives identical bytes on the web and the node variant for random keys and messages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.uint8Array({ maxLength: 2000 }),
        async (key, message) => {
          const fromWeb = await web.hmacSha256(key, message);
          const fromNode = await nodeVariant.hmacSha256(key, message);
          expect(fromWeb).toBeInstanceOf(Uint8Array);
          expect(fromNode.constructor).toBe(Uint8Array);
          expect(fromWeb).toHaveLength(32);
          expect(fromNode).toEqual(fromWeb);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('exports exactly the same names from both variants, so the node build can swap them', async () => {
    expect(Object.keys(nodeVariant).sort()).toEqual(Object.keys(web).sort());
  });

  it('imports a CryptoKey once per secret and reuses it for later messages', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const key = encode('one secret');
    await web.hmacSha256(key, encode('first'));
    await web.hmacSha256(key.slice(), encode('second'));
    await Promise.all([web.hmacSha256(key, encode('third')), web.hmacSha256(key, encode('4th'))]);
    expect(importKey).toHaveBeenCalledTimes(1);
    await web.hmacSha256(encode('another secret'), encode('first'));
    expect(importKey).toHaveBeenCalledTimes(2);
  });

  it('keeps at most 16 keys, evicting the least recently used one', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const keys = Array.from({ length: 18 }, (_, i) => encode(`secret ${i}`));
    const use = (i: number) => web.hmacSha256(keys[i]!, encode('message'));

    for (let i = 0; i < 16; i++) await use(i);
    expect(importKey).toHaveBeenCalledTimes(16);
    await use(0); // a hit: key 0 becomes the most recently used
    expect(importKey).toHaveBeenCalledTimes(16);
    await use(16); // evicts key 1, the least recently used
    await use(0);
    expect(importKey).toHaveBeenCalledTimes(17);
    await use(1);
    expect(importKey).toHaveBeenCalledTimes(18);
  });

  it('does not keep a failed import, so the next call tries again', async () => {
    const importKey = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValueOnce(new Error('transient failure'));
    const key = encode('flaky secret');
    await expect(web.hmacSha256(key, encode('message'))).rejects.toThrow('transient failure');
    await expect(web.hmacSha256(key, encode('message'))).resolves.toHaveLength(32);
    expect(importKey).toHaveBeenCalledTimes(2);
  });
});
