import { describe, expect, it } from 'vitest';
import { isWebhookSignatureError, signPayload, verifySignature } from '../../src/signature';
import { nowSeconds } from './support';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('signPayload', () => {
  it('returns exactly the three webhook-* headers, with a single v1 signature', async () => {
    const headers = await signPayload({
      payload: '{}',
      secret,
      id: 'msg_fixed',
      timestamp: 1_700_000_000,
    });
    expect(Object.keys(headers).sort()).toEqual([
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ]);
    expect(headers['webhook-id']).toBe('msg_fixed');
    expect(headers['webhook-timestamp']).toBe('1700000000');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('is deterministic for a given id and timestamp', async () => {
    const options = { payload: 'same', secret, id: 'msg_same', timestamp: 1_700_000_000 };
    expect(await signPayload(options)).toEqual(await signPayload(options));
  });

  it('defaults to a fresh msg_ id and the current time', async () => {
    const before = nowSeconds();
    const first = await signPayload({ payload: '{}', secret });
    const second = await signPayload({ payload: '{}', secret });
    const after = nowSeconds();
    expect(first['webhook-id']).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    expect(second['webhook-id']).not.toBe(first['webhook-id']);
    const timestamp = Number(first['webhook-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(after);
    await expect(
      verifySignature({ payload: '{}', headers: first, secret }),
    ).resolves.toBeUndefined();
  });

  it('throws invalid_secret for a secret that is not base64', async () => {
    const error = await signPayload({ payload: '{}', secret: 'whsec_???' }).catch(
      (e: unknown) => e,
    );
    expect(isWebhookSignatureError(error) && error.reason).toBe('invalid_secret');
  });

  it('refuses a timestamp that is not whole non-negative unix seconds', async () => {
    for (const timestamp of [1.5, -1, Number.NaN, Date.now() * 1e6]) {
      await expect(
        signPayload({ payload: '{}', secret, timestamp }),
        String(timestamp),
      ).rejects.toThrow(RangeError);
    }
  });
});
