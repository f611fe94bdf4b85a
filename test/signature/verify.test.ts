import fc from 'fast-check';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import {
  isWebhookSignatureError,
  type SignatureFailureReason,
  signPayload,
  verifySignature,
} from '../../src/signature';
import { timingSafeEqual } from '../../src/signature/verify';
import {
  encode,
  messageIdArbitrary,
  nowSeconds,
  oracleNames,
  oracles,
  payloadArbitrary,
  rejects,
  secretArbitrary,
} from './support';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const otherSecret = 'whsec_Gty2dGnQ3e3JmTthMeLB4DVNQ9TcBi3t';
const payload = '{"type":"runtime.call.end","data":{"projectID":"6772da2e485189279fa5b9da"}}';

/** The reason our verifier gave, or `'accepted'`. */
async function outcome(
  options: Parameters<typeof verifySignature>[0],
): Promise<SignatureFailureReason | 'accepted'> {
  try {
    await verifySignature(options);
    return 'accepted';
  } catch (error) {
    if (isWebhookSignatureError(error)) return error.reason;
    throw error;
  }
}

describe('tampering', () => {
  type Part = 'body' | 'id' | 'timestamp' | 'signature';

  /** Replaces the character at `index` (modulo length) with a different printable ASCII one. */
  function mutateText(text: string, index: number, shift: number): string {
    const at = index % text.length;
    const code = 0x20 + ((text.charCodeAt(at) - 0x20 + shift) % 95);
    return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
  }

  function mutateBytes(bytes: Uint8Array, index: number, shift: number): Uint8Array {
    const copy = bytes.slice();
    const at = index % copy.length;
    copy[at] = (copy[at]! + shift) % 256;
    return copy;
  }

  /** What our verifier must say about a timestamp that was altered but is still signed over the old one. */
  function reasonForTimestamp(timestamp: string, now: number): SignatureFailureReason {
    if (!/^[0-9]+$/.test(timestamp)) return 'invalid_timestamp';
    if (Math.abs(Number(timestamp) - now) > 300) return 'timestamp_out_of_tolerance';
    return 'no_matching_signature';
  }

  it('makes ours, svix and standardwebhooks all reject when one byte of body, id, timestamp or signature changes', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        secretArbitrary,
        messageIdArbitrary,
        payloadArbitrary.filter((text) => text.length > 0),
        fc.constantFrom<Part>('body', 'id', 'timestamp', 'signature'),
        fc.nat(),
        fc.integer({ min: 1, max: 94 }),
        async (key, id, text, part, index, shift) => {
          const now = nowSeconds();
          const signed = await signPayload({ payload: text, secret: key, id, timestamp: now });
          let body = encode(text);
          const headers = { ...signed };
          if (part === 'body') body = mutateBytes(body, index, shift);
          if (part === 'id') headers['webhook-id'] = mutateText(id, index, shift);
          if (part === 'timestamp') {
            headers['webhook-timestamp'] = mutateText(signed['webhook-timestamp'], index, shift);
          }
          if (part === 'signature') {
            headers['webhook-signature'] = mutateText(signed['webhook-signature'], index, shift);
          }

          const expected =
            part === 'timestamp'
              ? reasonForTimestamp(headers['webhook-timestamp'], now)
              : 'no_matching_signature';
          expect(
            await outcome({ payload: body, headers, secret: key, now: new Date(now * 1000) }),
          ).toBe(expected);
          for (const name of oracleNames) {
            expect(
              rejects(() => oracles[name](key, body, headers)),
              name,
            ).toBe(true);
          }
          seen.set(`${part}:${expected}`, (seen.get(`${part}:${expected}`) ?? 0) + 1);
        },
      ),
      { numRuns: 400 },
    );
    // Every part was tampered with, and timestamps both stayed in tolerance and left it.
    for (const key of [
      'body:no_matching_signature',
      'id:no_matching_signature',
      'signature:no_matching_signature',
      'timestamp:no_matching_signature',
      'timestamp:timestamp_out_of_tolerance',
      'timestamp:invalid_timestamp',
    ]) {
      expect(seen.get(key), key).toBeGreaterThan(0);
    }
  });

  it('rejects a signature made with another secret', async () => {
    const headers = await signPayload({ payload, secret: otherSecret });
    expect(await outcome({ payload, headers, secret })).toBe('no_matching_signature');
    for (const name of oracleNames) {
      expect(rejects(() => oracles[name](secret, encode(payload), headers))).toBe(true);
    }
  });

  it('rejects a signature that has the right bytes followed by extra ones, or only a prefix of them', async () => {
    const signed = await signPayload({ payload, secret });
    const right = Buffer.from(signed['webhook-signature'].slice(3), 'base64');
    for (const bytes of [Buffer.concat([right, Buffer.from([0])]), right.subarray(0, 31)]) {
      const headers = { ...signed, 'webhook-signature': `v1,${bytes.toString('base64')}` };
      expect(await outcome({ payload, headers, secret }), String(bytes.length)).toBe(
        'no_matching_signature',
      );
    }
  });

  it('rejects a body that was re-serialised, even when it means the same JSON', async () => {
    const headers = await signPayload({ payload, secret });
    const reformatted = JSON.stringify(JSON.parse(payload), null, 2);
    expect(await outcome({ payload: reformatted, headers, secret })).toBe('no_matching_signature');
  });
});

describe('payload forms', () => {
  it('verifies the same bytes given as text, a Buffer, an ArrayBuffer, a DataView or another view', async () => {
    const headers = await signPayload({ payload, secret });
    const bytes = encode(payload);
    // A payload of even length, which a Uint16Array can span.
    const padded = bytes.length % 2 === 0 ? payload : `${payload} `;
    const even = encode(padded);
    const paddedHeaders = await signPayload({ payload: padded, secret });
    const forms: [string, Parameters<typeof verifySignature>[0]][] = [
      ['text', { payload, headers, secret }],
      ['Buffer', { payload: Buffer.from(payload), headers, secret }],
      ['ArrayBuffer', { payload: bytes.slice().buffer, headers, secret }],
      ['DataView', { payload: new DataView(bytes.slice().buffer) as never, headers, secret }],
      [
        'Uint16Array',
        { payload: new Uint16Array(even.buffer) as never, headers: paddedHeaders, secret },
      ],
    ];
    for (const [name, options] of forms) expect(await outcome(options), name).toBe('accepted');
  });
});

describe('replay window', () => {
  const sixMinutes = 6 * 60;

  it('accepts a timestamp just inside the default 300 seconds, either way', async () => {
    const now = nowSeconds();
    for (const timestamp of [now - 300, now + 300]) {
      const headers = await signPayload({ payload, secret, timestamp });
      expect(await outcome({ payload, headers, secret, now: new Date(now * 1000) })).toBe(
        'accepted',
      );
    }
  });

  it('rejects a timestamp six minutes old or six minutes ahead', async () => {
    const signedAt = 1_700_000_000;
    const headers = await signPayload({ payload, secret, timestamp: signedAt });
    for (const now of [signedAt + sixMinutes, signedAt - sixMinutes]) {
      expect(await outcome({ payload, headers, secret, now: new Date(now * 1000) })).toBe(
        'timestamp_out_of_tolerance',
      );
    }
  });

  it('makes svix and standardwebhooks reject the same stale and future timestamps', async () => {
    for (const skew of [-sixMinutes, sixMinutes]) {
      const headers = await signPayload({ payload, secret, timestamp: nowSeconds() + skew });
      for (const name of oracleNames) {
        expect(
          rejects(() => oracles[name](secret, encode(payload), headers)),
          name,
        ).toBe(true);
      }
      expect(await outcome({ payload, headers, secret })).toBe('timestamp_out_of_tolerance');
    }
  });

  it('rejects a svix-signed message that is six minutes old, using the system clock', async () => {
    const signedAt = new Date(Date.now() - sixMinutes * 1000);
    const headers = {
      'svix-id': 'msg_stale',
      'svix-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
      'svix-signature': new SvixWebhook(secret).sign('msg_stale', signedAt, payload),
    };
    expect(await outcome({ payload, headers, secret })).toBe('timestamp_out_of_tolerance');
  });

  it('honours a custom tolerance', async () => {
    const now = 1_700_000_000;
    const headers = await signPayload({ payload, secret, timestamp: now - 30 });
    const at = new Date(now * 1000);
    expect(await outcome({ payload, headers, secret, now: at, toleranceSeconds: 10 })).toBe(
      'timestamp_out_of_tolerance',
    );
    expect(await outcome({ payload, headers, secret, now: at, toleranceSeconds: 30 })).toBe(
      'accepted',
    );
  });

  it('refuses a tolerance or a clock that would silently disable the window', async () => {
    const headers = await signPayload({ payload, secret });
    for (const toleranceSeconds of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      await expect(verifySignature({ payload, headers, secret, toleranceSeconds })).rejects.toThrow(
        RangeError,
      );
    }
    await expect(
      verifySignature({ payload, headers, secret, now: new Date(Number.NaN) }),
    ).rejects.toThrow(RangeError);
  });
});

describe('secret rotation', () => {
  const secrets = [otherSecret, secret];

  it('accepts a message signed with either the old or the new secret', async () => {
    for (const signingSecret of secrets) {
      const headers = await signPayload({ payload, secret: signingSecret });
      expect(await outcome({ payload, headers, secret: secrets })).toBe('accepted');
    }
  });

  it('accepts svix and standardwebhooks signatures made with the old secret', async () => {
    const signedAt = new Date();
    const timestamp = String(Math.floor(signedAt.getTime() / 1000));
    const svix = new SvixWebhook(otherSecret).sign('msg_old', signedAt, payload);
    const standard = new StandardWebhook(otherSecret).sign('msg_old', signedAt, payload);
    for (const signature of [svix, standard]) {
      const headers = {
        'webhook-id': 'msg_old',
        'webhook-timestamp': timestamp,
        'webhook-signature': signature,
      };
      expect(await outcome({ payload, headers, secret: secrets })).toBe('accepted');
    }
  });

  it('rejects a message signed with a secret outside the rotated pair', async () => {
    const headers = await signPayload({
      payload,
      secret: 'whsec_dGhpcmQgc2VjcmV0IG5vdCBpbiB1c2U=',
    });
    expect(await outcome({ payload, headers, secret: secrets })).toBe('no_matching_signature');
  });

  it('accepts a secret with or without the whsec_ prefix and without base64 padding', async () => {
    const headers = await signPayload({ payload, secret: 'whsec_c2VjcmV0IGtleSAx' });
    for (const variant of ['c2VjcmV0IGtleSAx', 'whsec_c2VjcmV0IGtleSAx']) {
      expect(await outcome({ payload, headers, secret: variant })).toBe('accepted');
    }
    const unpadded = await signPayload({ payload, secret: 'whsec_c2VjcmV0IGtleQ==' });
    expect(await outcome({ payload, headers: unpadded, secret: 'whsec_c2VjcmV0IGtleQ' })).toBe(
      'accepted',
    );
  });
});

describe('several signatures in one header', () => {
  async function headersWith(
    signature: (right: string) => string,
  ): Promise<Record<string, string>> {
    const signed = await signPayload({ payload, secret });
    return { ...signed, 'webhook-signature': signature(signed['webhook-signature']) };
  }

  it('accepts a header where one signature is wrong and another is right', async () => {
    const wrong = (await signPayload({ payload, secret: otherSecret }))['webhook-signature'];
    for (const order of [
      (right: string) => `${wrong} ${right}`,
      (right: string) => `${right} ${wrong}`,
    ]) {
      const headers = await headersWith(order);
      expect(await outcome({ payload, headers, secret })).toBe('accepted');
      for (const name of oracleNames) {
        expect(
          rejects(() => oracles[name](secret, encode(payload), headers)),
          name,
        ).toBe(false);
      }
    }
  });

  it('ignores entries of other versions and entries that are not base64', async () => {
    const headers = await headersWith((right) => `v2,AAAA v1,!!!! v1a,xyz ${right}`);
    expect(await outcome({ payload, headers, secret })).toBe('accepted');
  });

  it('does not take a right signature under another version label', async () => {
    const headers = await headersWith((right) => right.replace('v1,', 'v2,'));
    expect(await outcome({ payload, headers, secret })).toBe('no_matching_signature');
  });

  it('rejects a header in which every signature is wrong', async () => {
    const wrong = (await signPayload({ payload, secret: otherSecret }))['webhook-signature'];
    const headers = await headersWith(() => `${wrong} v1,${'A'.repeat(43)}=`);
    expect(await outcome({ payload, headers, secret })).toBe('no_matching_signature');
  });
});

describe('failure reasons', () => {
  it('reports missing_headers when no signature headers were sent', async () => {
    expect(await outcome({ payload, headers: {}, secret })).toBe('missing_headers');
    expect(await outcome({ payload, headers: new Headers(), secret })).toBe('missing_headers');
  });

  it('reports missing_headers when one of the three is absent or empty', async () => {
    const signed = await signPayload({ payload, secret });
    for (const name of Object.keys(signed)) {
      const without: Record<string, string | undefined> = { ...signed, [name]: undefined };
      const empty = { ...signed, [name]: '' };
      expect(await outcome({ payload, headers: without, secret }), name).toBe('missing_headers');
      expect(await outcome({ payload, headers: empty, secret }), name).toBe('missing_headers');
    }
  });

  it('reports invalid_timestamp for a timestamp that is not whole unix seconds', async () => {
    const signed = await signPayload({ payload, secret });
    const seconds = signed['webhook-timestamp'];
    for (const timestamp of [
      'soon',
      `${seconds}.5`,
      `-${seconds}`,
      `${seconds}000ms`,
      ` ${seconds}`,
      '1e9',
    ]) {
      const headers = { ...signed, 'webhook-timestamp': timestamp };
      expect(await outcome({ payload, headers, secret }), timestamp).toBe('invalid_timestamp');
    }
  });

  it('reports timestamp_out_of_tolerance for a timestamp far from now', async () => {
    const headers = await signPayload({ payload, secret, timestamp: 1 });
    expect(await outcome({ payload, headers, secret })).toBe('timestamp_out_of_tolerance');
  });

  it('reports invalid_secret for a secret that is not base64, is empty, or is missing', async () => {
    const headers = await signPayload({ payload, secret });
    const bad = ['whsec_not base64!', 'whsec_', '', 'whsec_A', 'whsec_abc-_def', []];
    for (const badSecret of bad) {
      expect(await outcome({ payload, headers, secret: badSecret }), String(badSecret)).toBe(
        'invalid_secret',
      );
    }
  });

  it('reports invalid_secret when any secret of a rotated list is malformed', async () => {
    const headers = await signPayload({ payload, secret });
    expect(await outcome({ payload, headers, secret: [secret, 'whsec_***'] })).toBe(
      'invalid_secret',
    );
  });

  it('reports invalid_secret before looking at the headers, so misconfiguration is never hidden', async () => {
    expect(await outcome({ payload, headers: {}, secret: 'whsec_%%%' })).toBe('invalid_secret');
  });

  it('rejects with an error that is a WebhookSignatureError carrying the reason', async () => {
    const error = await verifySignature({ payload, headers: {}, secret }).catch((e: unknown) => e);
    expect(isWebhookSignatureError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'WebhookSignatureError', reason: 'missing_headers' });
  });
});

describe('header sources', () => {
  it('reads svix-* headers from a web Headers object and from a Node-style object with arrays', async () => {
    const signed = await signPayload({ payload, secret });
    const svixNames = {
      'Svix-Id': signed['webhook-id'],
      'SVIX-TIMESTAMP': signed['webhook-timestamp'],
      'svix-signature': signed['webhook-signature'],
    };
    expect(await outcome({ payload, headers: new Headers(svixNames), secret })).toBe('accepted');
    const nodeStyle = Object.fromEntries(
      Object.entries(svixNames).map(([name, value]) => [name, [value, 'v1,ignored']]),
    );
    expect(await outcome({ payload, headers: nodeStyle, secret })).toBe('accepted');
  });
});

describe('timingSafeEqual', () => {
  it('is true only for arrays of equal length and content', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(timingSafeEqual(bytes, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
    expect(timingSafeEqual(bytes, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(bytes, new Uint8Array([0, 2, 3]))).toBe(false);
    expect(timingSafeEqual(bytes, new Uint8Array([1, 2]))).toBe(false);
    expect(timingSafeEqual(bytes, new Uint8Array([1, 2, 3, 0]))).toBe(false);
  });
});
