/**
 * The bad-input matrix: every case in the table below, sent byte for byte over a real socket
 * to every adapter. Each case's expected answer is in the table; after each one the server must
 * answer a normal delivery with 200, and events are delivered exactly when a 200 says so.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoiceflowEvent } from '../../src/core/index';
import { type RunningServer, WEBHOOK_PATH } from '../integration/support/servers';
import { readFixtures } from '../support/fixtures';
import { EVERY_ADAPTER } from './support/adapters';
import { exchange, type Finish, type RawExchange, rawRequest, type Step } from './support/raw-http';

const [callEnd] = readFixtures('valid').map(({ raw }) => raw.trim());
const [unknownEvent] = readFixtures('unknown').map(({ raw }) => raw.trim());
const VALID = callEnd!;
const MAX_BODY_BYTES = 64 * 1024;

/** What one response says: its status and `received`, its JSON `error`, `not json` or `empty`. */
type Answer = readonly [status: number, what: string];

interface BadInputCase {
  readonly name: string;
  readonly send: readonly Step[];
  readonly finish?: Finish;
  readonly headRequest?: boolean;
  /** The answers, in order, or `no answer` when the connection ends without one. */
  readonly expected: readonly Answer[] | 'no answer';
  /** How many events reach the handlers; 0 unless said. */
  readonly delivered?: number;
}

/** A POST of `body` with `Connection: close`, a true Content-Length unless `length` says otherwise. */
function post(
  body: string | Uint8Array,
  headerLines: readonly string[] = ['Content-Type: application/json'],
  length: number | null = Buffer.byteLength(body),
): Uint8Array {
  const lengthLine = length === null ? [] : [`Content-Length: ${length}`];
  return rawRequest(
    'POST',
    WEBHOOK_PATH,
    [...headerLines, ...lengthLine, 'Connection: close'],
    body,
  );
}

function withoutBody(method: string): Uint8Array {
  return rawRequest(method, WEBHOOK_PATH, ['Connection: close']);
}

/** A valid event with an extra field inserted before its closing brace. */
const withField = (member: string): string => `${VALID.slice(0, -1)},${member}}`;

const deep = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const chunked = (body: string, sizeLine = body.length.toString(16)): Uint8Array =>
  rawRequest(
    'POST',
    WEBHOOK_PATH,
    ['Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close'],
    `${sizeLine}\r\n${body}\r\n0\r\n\r\n`,
  );

const trickle = (bytes: Uint8Array, pieces: number, pauseMs: number): Step[] => {
  const size = Math.ceil(bytes.length / pieces);
  return Array.from({ length: pieces }, (_, index) => [
    bytes.subarray(index * size, (index + 1) * size),
    { pauseMs },
  ]).flat();
};

const OK: Answer = [200, 'received'];
const INVALID_JSON: Answer = [400, 'invalid_json'];
const INVALID_EVENT: Answer = [400, 'invalid_event'];
const NOT_ALLOWED: Answer = [405, 'method_not_allowed'];
/** Node's HTTP parser refuses the request itself (an empty 400, then close): no adapter runs. */
const REFUSED_BY_NODE: Answer = [400, 'empty'];

const CASES: readonly BadInputCase[] = [
  { name: 'a valid event', send: [post(VALID)], expected: [OK], delivered: 1 },
  {
    name: 'an event of an unknown type',
    send: [post(unknownEvent!)],
    expected: [OK],
    delivered: 1,
  },
  { name: 'an empty body', send: [post('')], expected: [INVALID_JSON] },
  { name: 'a body of whitespace', send: [post(' \r\n\t ')], expected: [INVALID_JSON] },
  {
    name: 'invalid UTF-8 inside a string',
    send: [
      post(
        Buffer.concat([
          Buffer.from(VALID.slice(0, 20)),
          Buffer.from([0xc3, 0x28]),
          Buffer.from(VALID.slice(20)),
        ]),
      ),
    ],
    expected: [INVALID_JSON],
  },
  {
    name: 'a UTF-8 BOM before a valid event',
    send: [post(`\uFEFF${VALID}`)],
    expected: [OK],
    delivered: 1,
  },
  { name: 'truncated JSON', send: [post(VALID.slice(0, -7))], expected: [INVALID_JSON] },
  { name: 'the JSON literal null', send: [post('null')], expected: [INVALID_EVENT] },
  { name: 'an empty array', send: [post('[]')], expected: [INVALID_EVENT] },
  { name: 'a bare number', send: [post('42')], expected: [INVALID_EVENT] },
  { name: 'a bare string', send: [post('"runtime.call.end"')], expected: [INVALID_EVENT] },
  { name: 'arrays nested 30,000 deep', send: [post(deep(30_000))], expected: [INVALID_EVENT] },
  {
    name: 'a valid event with an extra field nested 30,000 deep',
    send: [post(withField(`"extra":${deep(30_000)}`))],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'duplicate keys whose last value is invalid',
    send: [post(withField('"time":"yesterday"'))],
    expected: [INVALID_EVENT],
  },
  {
    name: 'duplicate keys whose last value is valid',
    send: [post(withField('"time":1'))],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a valid event sent as text/plain',
    send: [post(VALID, ['Content-Type: text/plain'])],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a valid event without Content-Type',
    send: [post(VALID, [])],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a valid event declared as UTF-16',
    send: [post(VALID, ['Content-Type: application/json; charset=utf-16'])],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a form-encoded body',
    send: [
      post('type=runtime.call.end&data=%7B%7D', [
        'Content-Type: application/x-www-form-urlencoded',
      ]),
    ],
    expected: [INVALID_JSON],
  },
  {
    name: 'a multipart body',
    send: [
      post('--b\r\nContent-Disposition: form-data; name="type"\r\n\r\nping\r\n--b--\r\n', [
        'Content-Type: multipart/form-data; boundary=b',
      ]),
    ],
    expected: [INVALID_JSON],
  },
  {
    name: 'a gzip-encoded body',
    send: [post(gzipSync(VALID), ['Content-Type: application/json', 'Content-Encoding: gzip'])],
    expected: [INVALID_JSON],
  },
  {
    name: 'a raw NUL byte in the body',
    send: [post(`{"type":"ping\u0000"}`)],
    expected: [INVALID_JSON],
  },
  {
    // Node's parser reads the excess as a next request and refuses it, closing the connection
    // before the handler's answer to the first ten bytes is written.
    name: 'a Content-Length shorter than the body, in one write',
    send: [post(VALID, undefined, 10)],
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'a Content-Length shorter than the body, the excess sent after the answer',
    send: [
      post(VALID, undefined, 10).subarray(0, -(VALID.length - 10)),
      { pauseMs: 100 },
      VALID.slice(10),
    ],
    expected: [INVALID_JSON],
  },
  {
    // The body ends early: Node's parser refuses the request, the handler's read fails quietly.
    name: 'a Content-Length longer than the body, then a half-close',
    send: [post(VALID, undefined, VALID.length + 100)],
    finish: 'half-close',
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'a client that aborts mid-body',
    send: [post(VALID).subarray(0, 150), { pauseMs: 50 }],
    finish: 'abort',
    expected: 'no answer',
  },
  {
    name: 'a body that trickles in over 10 writes 50 ms apart',
    send: trickle(post(VALID), 10, 50),
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a body over maxBodyBytes',
    send: [post(withField(`"pad":"${'x'.repeat(MAX_BODY_BYTES)}"`))],
    expected: [[413, 'payload_too_large']],
  },
  {
    name: 'a Content-Length of 10 MB with no body sent',
    send: [post('', undefined, 10_000_000)],
    expected: [[413, 'payload_too_large']],
  },
  { name: 'a valid chunked body', send: [chunked(VALID)], expected: [OK], delivered: 1 },
  { name: 'a malformed chunk size', send: [chunked(VALID, 'zz')], expected: [REFUSED_BY_NODE] },
  {
    name: 'both Content-Length and Transfer-Encoding (request smuggling)',
    send: [
      rawRequest(
        'POST',
        WEBHOOK_PATH,
        ['Content-Length: 4', 'Transfer-Encoding: chunked', 'Connection: close'],
        `${VALID.length.toString(16)}\r\n${VALID}\r\n0\r\n\r\n`,
      ),
    ],
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'two different Content-Length headers',
    send: [post(VALID, ['Content-Length: 3'])],
    expected: [REFUSED_BY_NODE],
  },
  { name: 'GET', send: [withoutBody('GET')], expected: [NOT_ALLOWED] },
  { name: 'HEAD', send: [withoutBody('HEAD')], headRequest: true, expected: [[405, 'empty']] },
  { name: 'OPTIONS', send: [withoutBody('OPTIONS')], expected: [NOT_ALLOWED] },
  { name: 'DELETE', send: [withoutBody('DELETE')], expected: [NOT_ALLOWED] },
  {
    name: 'PUT with a valid event',
    send: [
      rawRequest(
        'PUT',
        WEBHOOK_PATH,
        [`Content-Length: ${VALID.length}`, 'Connection: close'],
        VALID,
      ),
    ],
    expected: [NOT_ALLOWED],
  },
  {
    name: 'a header value with a bare CR (header injection)',
    send: [post(VALID, ['Content-Type: application/json', 'Webhook-Id: msg_1\rX-Injected: yes'])],
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'a header value with a bare LF (header injection)',
    send: [post(VALID, ['Content-Type: application/json', 'Webhook-Id: msg_1\nX-Injected: yes'])],
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'an obsolete folded header line',
    send: [post(VALID, ['Content-Type: application/json', 'Webhook-Id: msg_1', ' folded'])],
    expected: [REFUSED_BY_NODE],
  },
  {
    name: 'a webhook-id with percent-encoded CRLF and non-ASCII bytes',
    send: [
      post(VALID, [
        'Content-Type: application/json',
        'Webhook-Id: msg%0D%0AX-Injected:%20yes\u00ff',
      ]),
    ],
    expected: [OK],
    delivered: 1,
  },
  { name: 'a garbage request line', send: ['HELLO\r\n\r\n'], expected: [REFUSED_BY_NODE] },
  {
    name: 'headers over 16 KiB',
    send: [post(VALID, ['Content-Type: application/json', `X-Big: ${'a'.repeat(17_000)}`])],
    expected: [[431, 'empty']],
  },
  {
    name: 'Expect: 100-continue',
    send: [post(VALID, ['Content-Type: application/json', 'Expect: 100-continue'])],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'a prototype pollution payload',
    send: [
      post(
        withField('"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}'),
      ),
    ],
    expected: [OK],
    delivered: 1,
  },
  {
    name: 'two pipelined requests on one connection',
    send: [
      Buffer.concat([
        rawRequest('POST', WEBHOOK_PATH, [`Content-Length: ${VALID.length}`], VALID),
        post(VALID),
      ]),
    ],
    expected: [OK, OK],
    delivered: 2,
  },
];

function describeAnswer(response: RawExchange['responses'][number]): Answer {
  if (response.body === '') return [response.status, 'empty'];
  try {
    const body = JSON.parse(response.body) as { error?: string; received?: boolean };
    return [response.status, body.received === true ? 'received' : String(body.error)];
  } catch {
    return [response.status, 'not json'];
  }
}

/** Headers every answer of the library carries: JSON, and `Allow: POST` on a 405. */
function headersOk(response: RawExchange['responses'][number]): boolean {
  const [, what] = describeAnswer(response);
  if (what === 'not json' || what === 'empty') return true;
  const json = response.headers['content-type'] === 'application/json';
  return response.status === 405 ? json && response.headers.allow === 'POST' : json;
}

async function expectHealthy(url: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: VALID,
  });
  expect([response.status, await response.text()]).toEqual([200, '{"received":true}']);
}

describe.each(Object.entries(EVERY_ADAPTER))(
  'the %s adapter, fed bad input over real HTTP',
  (_, start) => {
    let server: RunningServer;
    let port: number;
    const delivered: VoiceflowEvent[] = [];

    beforeAll(async () => {
      server = await start({ on: { '*': (event) => void delivered.push(event) } });
      port = Number(new URL(server.url).port);
    });
    afterAll(() => server.close());

    it.each(CASES)(
      'answers $name as the table says, then serves the next request',
      async (each) => {
        const before = delivered.length;
        const result = await exchange(port, each.send, {
          ...(each.finish ? { finish: each.finish } : {}),
          headRequest: each.headRequest === true,
        });
        const answers =
          result.responses.length === 0 ? 'no answer' : result.responses.map(describeAnswer);
        expect(answers).toEqual(each.expected);
        expect(result.responses.filter((response) => !headersOk(response))).toEqual([]);
        expect(delivered.length - before).toBe(each.delivered ?? 0);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        await expectHealthy(server.url);
      },
    );
  },
);
