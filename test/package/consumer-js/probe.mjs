/**
 * What every runtime must do with the packed package: parse each fixture, as text and as bytes,
 * with the documented outcome, and answer through an adapter with the documented statuses,
 * signed and unsigned. Plain JavaScript so that Node, Bun, Deno and workerd run it as is;
 * `cases` is the default export of the `cases.mjs` that `scripts/lib/cases.mjs` writes.
 */

/** Where requests go; servers that listen for real use their own port. */
const ENDPOINT = 'http://127.0.0.1/webhooks/voiceflow';

/**
 * @typedef {(actual: unknown, expected: unknown, what: string) => void} Expect
 * @typedef {{ send: (body: string, headers?: Record<string, string>) => Promise<string>; close: () => Promise<void> }} Transport
 *   `send` resolves with the answer, see {@link answerOf}
 * @typedef {(handler: any) => Promise<Transport>} Serve puts an adapter's handler behind a transport
 */

/**
 * A tally of checks that keeps going after a failure, so one run lists every problem.
 *
 * @returns {{ expect: Expect; result: () => { checks: number; failures: string[] } }}
 */
export function createReport() {
  /** @type {string[]} */
  const failures = [];
  let checks = 0;
  return {
    expect(actual, expected, what) {
      checks += 1;
      if (actual !== expected) failures.push(`${what}: got ${actual}, expected ${expected}`);
    },
    result: () => ({ checks, failures }),
  };
}

/**
 * A JSON POST to the webhook endpoint.
 *
 * @param {string} body
 * @param {Record<string, string>} [headers]
 * @param {string} [endpoint]
 * @returns {Request}
 */
export function post(body, headers = {}, endpoint = ENDPOINT) {
  return new Request(endpoint, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * A response as the adapter contract states it: the status, then the JSON body's `error`, or
 * `received` for `{"received":true}`; e.g. `'401 invalid_signature'`.
 *
 * @param {Response} response
 * @returns {Promise<string>}
 */
export async function answerOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return `${response.status} ${body.received === true ? 'received' : body.error}`;
  } catch {
    return `${response.status} with a body that is not JSON: ${text.slice(0, 80)}`;
  }
}

/** @type {Serve} */
export async function fetchTransport(handler) {
  return {
    send: async (body, headers) => answerOf(await handler(post(body, headers))),
    close: async () => {},
  };
}

/**
 * What `parseEvent` made of an input: `'event'`, or the code of the error it threw.
 *
 * @param {any} core the root module
 * @param {unknown} input
 * @returns {string}
 */
function thrownOutcome(core, input) {
  try {
    core.parseEvent(input);
    return 'event';
  } catch (error) {
    return core.isWebhookParseError(error) ? error.code : `a foreign error: ${error}`;
  }
}

/**
 * Parses every fixture with `safeParseEvent` (text) and `parseEvent` (bytes).
 *
 * @param {any} core the root module
 * @param {any} cases
 * @param {Expect} expect
 */
export function checkParsing(core, cases, expect) {
  for (const fixture of cases.fixtures) {
    const result = core.safeParseEvent(fixture.body);
    const outcome = result.success ? 'event' : result.error.code;
    expect(outcome, fixture.outcome, `${fixture.name} safeParseEvent(text)`);
    const bytes = new TextEncoder().encode(fixture.body);
    expect(thrownOutcome(core, bytes), fixture.outcome, `${fixture.name} parseEvent(bytes)`);
  }
}

/**
 * Sends every fixture through an adapter without a secret, then a signed and an unsigned
 * request with one, and compares each answer (status and body) with the documented one.
 *
 * @param {string} label names the adapter in failures
 * @param {(options: object) => unknown} voiceflowWebhook the adapter's factory
 * @param {Serve} serve
 * @param {any} cases
 * @param {Expect} expect
 */
export async function checkAdapter(label, voiceflowWebhook, serve, cases, expect) {
  const open = await serve(voiceflowWebhook({}));
  try {
    for (const fixture of cases.fixtures) {
      expect(await open.send(fixture.body), fixture.answer, `${label}: ${fixture.name}`);
    }
  } finally {
    await open.close();
  }
  const secured = await serve(voiceflowWebhook({ secret: cases.secret }));
  try {
    const { body, headers } = cases.signed;
    expect(await secured.send(body, headers), '200 received', `${label}: signed, with a secret`);
    expect(await secured.send(body), '401 invalid_signature', `${label}: unsigned, with a secret`);
  } finally {
    await secured.close();
  }
}

/**
 * The runtime matrix's checks: parsing, and the `/web` handler.
 *
 * @param {{ core: any; web: any }} modules the root and `/web` modules, however they were loaded
 * @param {any} cases
 * @returns {Promise<{ checks: number; failures: string[] }>}
 */
export async function probe({ core, web }, cases) {
  const report = createReport();
  checkParsing(core, cases, report.expect);
  await checkAdapter('/web', web.voiceflowWebhook, fetchTransport, cases, report.expect);
  return report.result();
}
