import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  isWebhookSignatureError,
  type SignatureFailureReason,
  WebhookSignatureError,
} from '../../src/signature';

const reasons: SignatureFailureReason[] = [
  'missing_headers',
  'invalid_timestamp',
  'timestamp_out_of_tolerance',
  'no_matching_signature',
  'invalid_secret',
];

describe('WebhookSignatureError', () => {
  it('is an Error named WebhookSignatureError that carries its reason', () => {
    const error = new WebhookSignatureError('invalid_timestamp');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookSignatureError');
    expect(error.reason).toBe('invalid_timestamp');
    expect(error.stack).toContain('WebhookSignatureError');
  });

  it('has its own explanatory message for every reason', () => {
    const messages = reasons.map((reason) => new WebhookSignatureError(reason).message);
    expect(new Set(messages).size).toBe(reasons.length);
    for (const message of messages) expect(message.length).toBeGreaterThan(20);
  });

  it('takes a custom message when one is given', () => {
    expect(new WebhookSignatureError('invalid_secret', 'custom').message).toBe('custom');
  });
});

describe('isWebhookSignatureError', () => {
  it('recognises errors of every reason', () => {
    for (const reason of reasons) {
      expect(isWebhookSignatureError(new WebhookSignatureError(reason))).toBe(true);
    }
  });

  it('recognises an error created in another realm, where instanceof fails', () => {
    const foreign: unknown = runInNewContext(`
      class WebhookSignatureError extends Error {
        constructor() { super('from elsewhere'); this.name = 'WebhookSignatureError'; this.reason = 'no_matching_signature'; }
      }
      new WebhookSignatureError();
    `);
    expect(foreign).not.toBeInstanceOf(WebhookSignatureError);
    expect(foreign).not.toBeInstanceOf(Error);
    expect(isWebhookSignatureError(foreign)).toBe(true);
  });

  it('rejects other errors, unknown reasons and non-objects', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'WebhookSignatureError' });
    const unknownReason = Object.assign(new Error('x'), {
      name: 'WebhookSignatureError',
      reason: 'toString',
    });
    const candidates: unknown[] = [
      new Error('plain'),
      lookalike,
      unknownReason,
      { name: 'WebhookSignatureError', reason: 'missing_headers' },
      'WebhookSignatureError',
      null,
      undefined,
    ];
    for (const candidate of candidates) expect(isWebhookSignatureError(candidate)).toBe(false);
  });
});
