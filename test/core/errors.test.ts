import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isWebhookParseError, safeParseEvent, WebhookParseError } from '../../src/index';

describe('WebhookParseError', () => {
  it('is an Error with a name, a code and the issues, and summarises them in its message', () => {
    const error = new WebhookParseError('invalid_event', [
      { path: 'data.userID', message: 'Missing required field data.userID (expected a string)' },
      { path: 'time', message: 'Missing required field time (expected a number)' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WebhookParseError');
    expect(error.code).toBe('invalid_event');
    expect(error.message).toBe(
      'Missing required field data.userID (expected a string) (and 1 more)',
    );
  });

  it('is recognised by isWebhookParseError', () => {
    const result = safeParseEvent('nope');
    expect(result.success).toBe(false);
    if (!result.success) expect(isWebhookParseError(result.error)).toBe(true);
  });

  it('is recognised across realms, where instanceof fails', () => {
    const foreign = runInNewContext(
      `const e = new Error('x'); e.name = 'WebhookParseError'; e.code = 'invalid_json'; e.issues = [{ path: '', message: 'x' }]; e`,
    );
    expect(foreign instanceof WebhookParseError).toBe(false);
    expect(isWebhookParseError(foreign)).toBe(true);
  });

  it.each([null, undefined, new Error('x'), { name: 'WebhookParseError' }, 'WebhookParseError'])(
    'does not mistake %j for one',
    (value) => {
      expect(isWebhookParseError(value)).toBe(false);
    },
  );
});
