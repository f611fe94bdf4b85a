import { describe, expect, it } from 'vitest';
import { readSignatureHeaders, webhookIdFromHeaders } from '../../src/signature';

const webhook = {
  'webhook-id': 'msg_1',
  'webhook-timestamp': '1700000000',
  'webhook-signature': 'v1,a',
};
const svix = { 'svix-id': 'msg_2', 'svix-timestamp': '1700000001', 'svix-signature': 'v1,b' };

describe('readSignatureHeaders', () => {
  it('reads the webhook-* headers from a web Headers object', () => {
    expect(readSignatureHeaders(new Headers(webhook))).toEqual({
      id: 'msg_1',
      timestamp: '1700000000',
      signature: 'v1,a',
    });
  });

  it('reads the svix-* headers when the webhook-* ones are absent', () => {
    expect(readSignatureHeaders(svix)).toEqual({
      id: 'msg_2',
      timestamp: '1700000001',
      signature: 'v1,b',
    });
  });

  it('prefers the webhook-* set when both are present', () => {
    expect(readSignatureHeaders({ ...svix, ...webhook })?.id).toBe('msg_1');
  });

  it('never mixes the two sets', () => {
    const { 'webhook-signature': _, ...partial } = webhook;
    expect(readSignatureHeaders({ ...partial, 'svix-signature': 'v1,b' })).toBeUndefined();
  });

  it('matches plain-object names case-insensitively and takes the first of repeated values', () => {
    const headers = {
      'Webhook-ID': ['msg_1', 'msg_dup'],
      'WEBHOOK-TIMESTAMP': '1700000000',
      'webhook-Signature': ['v1,a'],
    };
    expect(readSignatureHeaders(headers)).toEqual({
      id: 'msg_1',
      timestamp: '1700000000',
      signature: 'v1,a',
    });
  });

  it('returns undefined when a header is missing, empty or an empty array', () => {
    expect(readSignatureHeaders({})).toBeUndefined();
    expect(readSignatureHeaders({ ...webhook, 'webhook-id': '' })).toBeUndefined();
    expect(readSignatureHeaders({ ...webhook, 'webhook-id': [] })).toBeUndefined();
    expect(readSignatureHeaders({ ...webhook, 'webhook-id': undefined })).toBeUndefined();
  });

  it('ignores names inherited from Object.prototype', () => {
    expect(readSignatureHeaders(JSON.parse('{"__proto__":{"webhook-id":"x"}}'))).toBeUndefined();
  });

  it('finds an own name in any case when an inherited one matches too', () => {
    const headers = Object.assign(Object.create({ 'Webhook-Id': 'inherited' }), {
      'WEBHOOK-ID': 'own',
    });
    expect(webhookIdFromHeaders(headers)).toBe('own');
  });
});

describe('webhookIdFromHeaders', () => {
  it('returns webhook-id, else svix-id, else undefined', () => {
    expect(webhookIdFromHeaders(new Headers({ 'webhook-id': 'msg_1', 'svix-id': 'msg_2' }))).toBe(
      'msg_1',
    );
    expect(webhookIdFromHeaders({ 'Svix-Id': 'msg_2' })).toBe('msg_2');
    expect(webhookIdFromHeaders({ 'webhook-timestamp': '1' })).toBeUndefined();
  });

  it('returns the id of the header set a signature is checked with, not a lone id of the other prefix', () => {
    const svixSigned = { 'svix-id': 'msg_signed', 'svix-timestamp': '1', 'svix-signature': 'v1,a' };
    expect(webhookIdFromHeaders({ ...svixSigned, 'webhook-id': 'msg_added' })).toBe('msg_signed');
    expect(readSignatureHeaders({ ...svixSigned, 'webhook-id': 'msg_added' })?.id).toBe(
      'msg_signed',
    );
  });

  it('returns the id of an unsigned request too', () => {
    expect(webhookIdFromHeaders({ 'webhook-id': 'msg_unsigned' })).toBe('msg_unsigned');
  });
});
