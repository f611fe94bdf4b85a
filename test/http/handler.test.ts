import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isWebhookParseError } from '../../src/core/index';
import {
  type BodyReader,
  createFetchWebhookHandler,
  createWebhookHandler,
  type VoiceflowWebhookOptions,
  type WebhookContext,
  type WebhookRequest,
  type WebhookRequestError,
} from '../../src/http/index';
import { isWebhookSignatureError, signPayload } from '../../src/signature/index';
import { readFixtures } from '../support/fixtures';
import { callEndWith, countingStream, fixtureText, jsonPost, SECRET } from './support';

const callEnd = fixtureText('call-end-twilio-inbound');

/** A handler over web Requests that records what onError saw. */
function webhook(options: VoiceflowWebhookOptions<Request> = {}) {
  const errors: { error: WebhookRequestError; ctx: WebhookContext<Request> }[] = [];
  const handle = createFetchWebhookHandler<Request>({
    onError: (error, ctx) => void errors.push({ error, ctx }),
    ...options,
  });
  return { errors, send: (request: Request) => handle(request, request) };
}

async function answer(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

describe('createWebhookHandler statuses', () => {
  it('answers 200 {"received":true} once the handlers of a valid event finished', async () => {
    let finished = false;
    const { send } = webhook({
      on: {
        'runtime.call.end': async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          finished = true;
        },
      },
    });
    const response = await send(jsonPost(callEnd));
    expect(await answer(response)).toEqual({ status: 200, body: { received: true } });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(finished).toBe(true);
  });

  it('answers 200 to every unknown fixture and passes it to onUnknownEvent untouched', async () => {
    const seen: unknown[] = [];
    const { send } = webhook({ onUnknownEvent: (event) => void seen.push(event) });
    for (const fixture of readFixtures('unknown')) {
      expect((await send(jsonPost(fixture.raw))).status).toBe(200);
    }
    expect(seen).toEqual(readFixtures('unknown').map((fixture) => JSON.parse(fixture.raw)));
  });

  it('answers 200 to an unknown type without onUnknownEvent', async () => {
    const { send } = webhook();
    const response = await send(jsonPost('{"type":"runtime.brand.new","data":{}}'));
    expect(await answer(response)).toEqual({ status: 200, body: { received: true } });
  });

  it('answers 405 with Allow: POST to other methods, before reading the body', async () => {
    const { send, errors } = webhook({ maxBodyBytes: 1 });
    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD']) {
      const response = await send(new Request('http://127.0.0.1/', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      if (method !== 'HEAD') expect(await response.json()).toEqual({ error: 'method_not_allowed' });
    }
    const put = await send(
      new Request('http://127.0.0.1/', { method: 'PUT', body: 'x'.repeat(10) }),
    );
    expect(put.status).toBe(405);
    expect(errors.map(({ error }) => error.code)).toContain('method_not_allowed');
  });

  it('answers 413 from a Content-Length over maxBodyBytes without reading the body', async () => {
    const { send } = webhook({ maxBodyBytes: 100 });
    const { stream, state } = countingStream(10, 50);
    const response = await send(jsonPost(stream, { 'content-length': '500' }));
    expect(await answer(response)).toEqual({ status: 413, body: { error: 'payload_too_large' } });
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it('answers 413 to a streamed body as soon as it crosses maxBodyBytes', async () => {
    const { send } = webhook({ maxBodyBytes: 1000 });
    const { stream, state } = countingStream(100_000, 100);
    const response = await send(jsonPost(stream));
    const pulledWhenAnswered = state.pulled;
    expect(await answer(response)).toEqual({ status: 413, body: { error: 'payload_too_large' } });
    expect(pulledWhenAnswered).toBeLessThan(20);
  });

  it('throws away the rest of an oversized body for at most two seconds, then cancels it', async () => {
    const { send } = webhook({ maxBodyBytes: 1000 });
    const { stream, state } = countingStream(100_000, 100, { stallAfter: 50 });
    expect((await send(jsonPost(stream))).status).toBe(413);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(state).toEqual({ pulled: 50, cancelled: false });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(state.cancelled).toBe(true);
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const body = callEndWith({});
    const { send } = webhook({ maxBodyBytes: new TextEncoder().encode(body).length });
    expect((await send(jsonPost(body))).status).toBe(200);
  });

  it('answers 400 invalid_json with a message, and 400 invalid_event with issues, per fixture', async () => {
    const { send } = webhook();
    for (const fixture of readFixtures('invalid')) {
      const { status, body } = await answer(await send(jsonPost(fixture.raw)));
      expect(status, fixture.name).toBe(400);
      if (fixture.name === 'empty-body' || fixture.name.startsWith('not-json')) {
        expect(body).toEqual({ error: 'invalid_json', message: expect.any(String) });
      } else {
        expect(body).toEqual({ error: 'invalid_event', issues: expect.any(Array) });
        expect((body as { issues: unknown[] }).issues[0]).toEqual({
          path: expect.any(String),
          message: expect.any(String),
        });
      }
    }
  });

  it('answers 400 invalid_json to a body that is not UTF-8', async () => {
    const { send } = webhook();
    const response = await send(jsonPost(new Uint8Array([0x7b, 0xff, 0x7d])));
    expect(await answer(response)).toEqual({
      status: 400,
      body: { error: 'invalid_json', message: 'Body is not valid UTF-8' },
    });
  });

  it('answers 403 to an event of a project outside the allowlist, and lets others through', async () => {
    const { send } = webhook({ projectID: ['6772da2e485189279fa5b9da'] });
    expect((await send(jsonPost(callEnd))).status).toBe(200);
    const foreign = callEndWith({}, { projectID: 'someone-else' });
    expect(await answer(await send(jsonPost(foreign)))).toEqual({
      status: 403,
      body: { error: 'project_not_allowed' },
    });
    expect((await send(jsonPost('{"type":"ping"}'))).status).toBe(200);
    expect((await send(jsonPost('{"type":"x","data":{"projectID":7}}'))).status).toBe(200);
  });

  it('answers 500 {"error":"handler_failed"} without the message when a handler throws or rejects', async () => {
    const secret = 'db password is hunter2';
    for (const handler of [
      () => {
        throw new Error(secret);
      },
      async () => Promise.reject(new Error(secret)),
    ]) {
      const { send, errors } = webhook({ on: { '*': handler } });
      const response = await send(jsonPost(callEnd));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('{"error":"handler_failed"}');
      expect(errors[0]?.error.cause).toEqual(new Error(secret));
    }
  });

  it('passes an AggregateError to onError when several handlers fail', async () => {
    const fail = () => Promise.reject(new Error('no'));
    const { send, errors } = webhook({ on: { 'runtime.call.end': fail, '*': fail } });
    expect((await send(jsonPost(callEnd))).status).toBe(500);
    expect(errors[0]?.error.cause).toBeInstanceOf(AggregateError);
  });

  it('answers 400 body_unreadable when the body stream fails', async () => {
    const { send, errors } = webhook();
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    const response = await send(jsonPost(broken));
    expect(await answer(response)).toEqual({ status: 400, body: { error: 'body_unreadable' } });
    expect(errors[0]?.error.cause).toEqual(new Error('connection reset'));
  });
});

describe('createWebhookHandler body readers', () => {
  const encoded = new TextEncoder().encode(callEnd);
  const readerRequest = (body: BodyReader): WebhookRequest<null> => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    request: null,
  });

  it('gives a BodyReader maxBodyBytes as its limit and handles the bytes it resolves with', async () => {
    const limits: number[] = [];
    const rawBodies: string[] = [];
    const handle = createWebhookHandler<null>({
      maxBodyBytes: 4_096,
      on: { 'runtime.call.end': (_event, ctx) => void rawBodies.push(ctx.rawBody) },
    });
    const response = await handle(
      readerRequest(async (limit) => {
        limits.push(limit);
        return encoded;
      }),
    );
    expect(response.status).toBe(200);
    expect(limits).toEqual([4_096]);
    expect(rawBodies).toEqual([callEnd]);
  });

  it('answers 413 when a BodyReader resolves with undefined, and 400 body_unreadable when it rejects', async () => {
    const codes: string[] = [];
    const handle = createWebhookHandler<null>({ onError: (error) => void codes.push(error.code) });
    const tooLarge = await handle(readerRequest(async () => undefined));
    const broken = await handle(readerRequest(() => Promise.reject(new Error('reset'))));
    expect([tooLarge.status, broken.status]).toEqual([413, 400]);
    expect(codes).toEqual(['payload_too_large', 'body_unreadable']);
  });

  it('reads an ArrayBuffer body made by another realm, as parseEvent does', async () => {
    const handle = createWebhookHandler<null>({});
    const foreign = runInNewContext(`new ArrayBuffer(${encoded.length})`) as ArrayBuffer;
    new Uint8Array(foreign).set(encoded);
    const response = await handle({ ...readerRequest(async () => encoded), body: foreign });
    expect(response.status).toBe(200);
  });

  it('answers 413 when a BodyReader resolves with more than maxBodyBytes', async () => {
    const handle = createWebhookHandler<null>({ maxBodyBytes: 100 });
    expect((await handle(readerRequest(async () => encoded))).status).toBe(413);
  });

  it('answers 413 to a Request body longer than its Content-Length said', async () => {
    const { send } = webhook({ maxBodyBytes: 1_000 });
    const request = jsonPost(' '.repeat(2_000) + callEnd, { 'content-length': '900' });
    expect((await send(request)).status).toBe(413);
  });

  it('streams a body whose Content-Length is not a decimal number, stopping at maxBodyBytes', async () => {
    const { send } = webhook({ maxBodyBytes: 1_000 });
    for (const declared of ['', '1e3', '0x10', '-1']) {
      const { stream, state } = countingStream(100_000, 100);
      expect((await send(jsonPost(stream, { 'content-length': declared }))).status).toBe(413);
      expect(state.pulled).toBeLessThan(20);
    }
  });
});

describe('createWebhookHandler signatures', () => {
  /** A request whose body express.json() already parsed, leaving no raw bytes. */
  const parsedPost: WebhookRequest<null> = {
    method: 'POST',
    headers: new Headers(),
    parsedBody: JSON.parse(callEnd),
    request: null,
  };

  async function signed(body: string, options: { secret?: string; timestamp?: number } = {}) {
    const headers = await signPayload({
      payload: body,
      secret: options.secret ?? SECRET,
      ...options,
    });
    return jsonPost(body, headers);
  }

  it('answers 200 to a correctly signed request, verified on the exact bytes', async () => {
    const { send } = webhook({ secret: SECRET });
    const spaced = `\uFEFF  ${callEnd.replace(':', ' :  ')}\n`;
    expect((await send(await signed(spaced))).status).toBe(200);
  });

  it('answers 401 to unsigned, wrongly signed and stale requests', async () => {
    const { send, errors } = webhook({ secret: SECRET });
    const stale = Math.floor(Date.now() / 1000) - 600;
    const requests = [
      jsonPost(callEnd),
      await signed(callEnd, { secret: 'whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA==' }),
      await signed(callEnd, { timestamp: stale }),
    ];
    for (const request of requests) {
      expect(await answer(await send(request))).toEqual({
        status: 401,
        body: { error: 'invalid_signature' },
      });
    }
    expect(errors.map(({ error }) => isWebhookSignatureError(error.cause))).toEqual([
      true,
      true,
      true,
    ]);
    expect(errors.map(({ error }) => (error.cause as { reason: string }).reason)).toEqual([
      'missing_headers',
      'no_matching_signature',
      'timestamp_out_of_tolerance',
    ]);
  });

  it('accepts a signature from either secret while rotating', async () => {
    const { send } = webhook({
      secret: ['whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA==', SECRET],
    });
    expect((await send(await signed(callEnd))).status).toBe(200);
  });

  it('honours toleranceSeconds', async () => {
    const { send } = webhook({ secret: SECRET, toleranceSeconds: 3600 });
    const old = Math.floor(Date.now() / 1000) - 1800;
    expect((await send(await signed(callEnd, { timestamp: old }))).status).toBe(200);
  });

  it('answers 500 raw_body_unavailable with how to fix it when a parser consumed the body', async () => {
    const result = await createWebhookHandler({ secret: SECRET })(parsedPost);
    expect(result.status).toBe(500);
    const body = JSON.parse(result.body);
    expect(body.error).toBe('raw_body_unavailable');
    expect(body.message).toContain('express.raw');
    expect(body.message).toContain('verify');
  });

  it('answers 500 raw_body_unavailable when a Request body was already used', async () => {
    const { send } = webhook();
    const request = jsonPost(callEnd);
    await request.text();
    expect((await answer(await send(request))).body).toMatchObject({
      error: 'raw_body_unavailable',
    });
  });

  it('answers 413 to a parsed body whose JSON is longer than maxBodyBytes', async () => {
    const size = new TextEncoder().encode(JSON.stringify(parsedPost.parsedBody)).byteLength;
    const handle = createWebhookHandler<null>({ maxBodyBytes: size - 1 });
    expect((await handle(parsedPost)).status).toBe(413);
    const roomy = createWebhookHandler<null>({ maxBodyBytes: size });
    expect((await roomy(parsedPost)).status).toBe(200);
  });

  it('answers 500 raw_body_unavailable, never rejecting, to a parsed body JSON cannot hold', async () => {
    const handle = createWebhookHandler<null>({});
    const circular: Record<string, unknown> = JSON.parse(callEnd);
    circular.self = circular;
    for (const parsedBody of [{ ...JSON.parse(callEnd), big: 1n }, circular]) {
      const response = await handle({ ...parsedPost, parsedBody });
      expect([response.status, JSON.parse(response.body).error]).toEqual([
        500,
        'raw_body_unavailable',
      ]);
    }
  });

  it('uses a parsed body when no secret is set, with its JSON as ctx.rawBody', async () => {
    const seen: string[] = [];
    const handle = createWebhookHandler({
      on: { '*': (_event, ctx) => void seen.push(ctx.rawBody) },
    });
    expect((await handle(parsedPost)).status).toBe(200);
    expect(seen).toEqual([JSON.stringify(parsedPost.parsedBody)]);
  });
});

describe('createWebhookHandler order of checks', () => {
  it('checks the method before the size, the size before the signature, the signature before JSON', async () => {
    const { send } = webhook({ secret: SECRET, maxBodyBytes: 10 });
    const big = 'x'.repeat(100);
    expect(
      (await send(new Request('http://127.0.0.1/', { method: 'PUT', body: big }))).status,
    ).toBe(405);
    expect((await send(jsonPost(big))).status).toBe(413);
    expect((await send(jsonPost('{'))).status).toBe(401);
  });

  it('checks the schema before the project and the project before the handlers', async () => {
    const ran: string[] = [];
    const { send } = webhook({
      projectID: 'mine',
      on: { '*': (event) => void ran.push(event.type) },
    });
    const invalid = callEndWith({}, { projectID: 'theirs', startTime: 'soon' });
    expect((await send(jsonPost(invalid))).status).toBe(400);
    expect((await send(jsonPost(callEndWith({}, { projectID: 'theirs' })))).status).toBe(403);
    expect(ran).toEqual([]);
  });
});

describe('createWebhookHandler context and onError', () => {
  it('gives handlers the delivery id, the raw body, the headers and the request', async () => {
    const seen: WebhookContext<Request>[] = [];
    const { send } = webhook({ on: { 'runtime.call.end': (_event, ctx) => void seen.push(ctx) } });
    const body = ` ${callEnd} `;
    const request = jsonPost(body, { 'webhook-id': 'msg_1' });
    await send(request);
    await send(jsonPost(body, { 'svix-id': 'msg_2' }));
    await send(jsonPost(body));
    expect(seen.map((ctx) => ctx.deliveryId)).toEqual(['msg_1', 'msg_2', undefined]);
    expect(seen[0]?.rawBody).toBe(body);
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(seen[0]?.request).toBe(request);
  });

  it('gives onError the code, the status, the parse error and the raw body of a 400', async () => {
    const { send, errors } = webhook();
    const body = '{"type":"runtime.call.end","data":{}}';
    await send(jsonPost(body, { 'webhook-id': 'msg_bad' }));
    const [{ error, ctx }] = errors as [(typeof errors)[number]];
    expect(error).toMatchObject({
      name: 'WebhookRequestError',
      code: 'invalid_event',
      status: 400,
    });
    expect(isWebhookParseError(error.cause)).toBe(true);
    expect(ctx).toMatchObject({ rawBody: body, deliveryId: 'msg_bad' });
  });

  it('does not call onError for a 200', async () => {
    const { send, errors } = webhook();
    await send(jsonPost(callEnd));
    expect(errors).toEqual([]);
  });

  it('answers the same whether onError throws, rejects or never settles', async () => {
    for (const onError of [
      () => {
        throw new Error('logger down');
      },
      () => Promise.reject(new Error('logger down')),
      () => new Promise(() => undefined),
    ]) {
      const { send } = webhook({ onError });
      expect(await answer(await send(jsonPost('{')))).toMatchObject({ status: 400 });
    }
  });
});

describe('createWebhookHandler options', () => {
  it.each([
    ['maxBodyBytes 0', { maxBodyBytes: 0 }, /maxBodyBytes/],
    ['maxBodyBytes 1.5', { maxBodyBytes: 1.5 }, /maxBodyBytes/],
    ['an empty secret', { secret: '' }, /secret/],
    ['an undefined secret', { secret: undefined }, /environment variable/],
    ['no secrets', { secret: [] }, /secret/],
    ['a secret that is not base64', { secret: 'whsec_not base64!' }, /secret must be base64/],
    ['a bad rotated secret', { secret: [SECRET, '%%%'] }, /secret\[1\]/],
    ['a negative tolerance', { toleranceSeconds: -1 }, /toleranceSeconds/],
    ['an empty projectID list', { projectID: [] }, /projectID/],
    ['an onError that is not a function', { onError: 'log' }, /onError/],
    ['a store without release', { idempotency: { claim: () => 0, complete: () => 0 } }, /release/],
    ['an unknown event type in on', { on: { 'call.ended': () => 0 } }, /not a known event type/],
  ])('rejects %s with a TypeError at creation', (_name, options, message) => {
    expect(() => createWebhookHandler(options as VoiceflowWebhookOptions)).toThrow(TypeError);
    expect(() => createWebhookHandler(options as VoiceflowWebhookOptions)).toThrow(message);
  });
});
