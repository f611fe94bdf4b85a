import fc from 'fast-check';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../src/signature';
import {
  encode,
  hasNonAscii,
  messageIdArbitrary,
  nowSeconds,
  oracleNames,
  oracles,
  payloadArbitrary,
  secretArbitrary,
} from './support';

const RUNS = 200;

/** Signing times a real-time oracle still accepts: within a few minutes of now, either way. */
const skewArbitrary = fc.integer({ min: -240, max: 240 });

/** Tallies what the random cases covered, so a generator regression cannot make a test vacuous. */
function coverage() {
  const seen = { runs: 0, nonAscii: 0, prefixed: 0, bare: 0 };
  return {
    seen,
    record(secret: string, payload: string): void {
      seen.runs++;
      if (hasNonAscii(payload)) seen.nonAscii++;
      if (secret.startsWith('whsec_')) seen.prefixed++;
      else seen.bare++;
    },
    expectBroad(): void {
      expect(seen.runs).toBeGreaterThanOrEqual(RUNS);
      expect(seen.nonAscii).toBeGreaterThan(0);
      expect(seen.prefixed).toBeGreaterThan(0);
      expect(seen.bare).toBeGreaterThan(0);
    },
  };
}

describe('interoperability with the svix and standardwebhooks packages', () => {
  it('accepts what the svix package signs, as text and as bytes, under svix-* headers', async () => {
    const cases = coverage();
    await fc.assert(
      fc.asyncProperty(
        secretArbitrary,
        messageIdArbitrary,
        payloadArbitrary,
        skewArbitrary,
        async (secret, id, payload, skew) => {
          const timestamp = nowSeconds() + skew;
          const headers = {
            'svix-id': id,
            'svix-timestamp': String(timestamp),
            'svix-signature': new SvixWebhook(secret).sign(id, new Date(timestamp * 1000), payload),
          };
          await verifySignature({ payload, headers, secret });
          await verifySignature({ payload: encode(payload), headers, secret });
          cases.record(secret, payload);
        },
      ),
      { numRuns: RUNS },
    );
    cases.expectBroad();
  });

  it('accepts what the standardwebhooks package signs, under webhook-* headers', async () => {
    const cases = coverage();
    await fc.assert(
      fc.asyncProperty(
        secretArbitrary,
        messageIdArbitrary,
        payloadArbitrary,
        skewArbitrary,
        async (secret, id, payload, skew) => {
          const timestamp = nowSeconds() + skew;
          const signer = new StandardWebhook(secret);
          const headers = new Headers({
            'Webhook-Id': id,
            'Webhook-Timestamp': String(timestamp),
            'Webhook-Signature': signer.sign(id, new Date(timestamp * 1000), encode(payload)),
          });
          await verifySignature({ payload, headers, secret });
          cases.record(secret, payload);
        },
      ),
      { numRuns: RUNS },
    );
    cases.expectBroad();
  });

  it('signs what both the svix and the standardwebhooks packages accept', async () => {
    const cases = coverage();
    await fc.assert(
      fc.asyncProperty(
        secretArbitrary,
        messageIdArbitrary,
        payloadArbitrary,
        skewArbitrary,
        fc.boolean(),
        async (secret, id, payload, skew, asBytes) => {
          const headers = await signPayload({
            payload: asBytes ? encode(payload) : payload,
            secret,
            id,
            timestamp: nowSeconds() + skew,
          });
          for (const name of oracleNames) {
            expect(() => oracles[name](secret, encode(payload), headers), name).not.toThrow();
          }
          cases.record(secret, payload);
        },
      ),
      { numRuns: RUNS },
    );
    cases.expectBroad();
  });

  it('produces the very signature svix computes for the same id, time and payload', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"type":"runtime.call.start","data":{"note":"🎉 naïve façade"}}';
    const timestamp = 1_743_563_467;
    const ours = await signPayload({
      payload,
      secret,
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp,
    });
    const theirs = new SvixWebhook(secret).sign(
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(timestamp * 1000),
      payload,
    );
    expect(ours['webhook-signature']).toBe(theirs);
  });
});

describe('payloads given as bytes', () => {
  const secret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
  // Not valid UTF-8: decoding this to a string and back would change the bytes.
  const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]);

  async function signedBytes() {
    const timestamp = nowSeconds();
    return {
      'webhook-id': 'msg_bytes',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': new StandardWebhook(secret).sign(
        'msg_bytes',
        new Date(timestamp * 1000),
        bytes,
      ),
    };
  }

  it('verifies a body that is not valid UTF-8 over its exact bytes', async () => {
    const headers = await signedBytes();
    await expect(verifySignature({ payload: bytes, headers, secret })).resolves.toBeUndefined();
  });

  it('rejects the same body once it went through a lossy text decoding', async () => {
    const headers = await signedBytes();
    const lossy = new TextDecoder().decode(bytes);
    await expect(verifySignature({ payload: lossy, headers, secret })).rejects.toMatchObject({
      reason: 'no_matching_signature',
    });
  });

  it('accepts an ArrayBuffer and a view into a larger buffer, reading only the view', async () => {
    const headers = await signedBytes();
    const larger = new Uint8Array(bytes.length + 8).fill(0x20);
    larger.set(bytes, 4);
    const view = larger.subarray(4, 4 + bytes.length);
    await expect(verifySignature({ payload: view, headers, secret })).resolves.toBeUndefined();
    const buffer = bytes.slice().buffer;
    await expect(verifySignature({ payload: buffer, headers, secret })).resolves.toBeUndefined();
    await expect(
      verifySignature({ payload: larger.buffer, headers, secret }),
    ).rejects.toMatchObject({ reason: 'no_matching_signature' });
  });

  it('signs bytes so that svix accepts them and a different body is refused', async () => {
    const headers = await signPayload({ payload: bytes, secret });
    expect(() => oracles.svix(secret, bytes, headers)).not.toThrow();
    expect(() => oracles.svix(secret, bytes.subarray(1), headers)).toThrow();
  });
});
