/**
 * Load runs for the robustness tests: request plans built from the fixtures, and a runner that
 * drives autocannon from a child process against a server living in the test's own process.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { signPayload } from '../../../src/signature/index';
import type { RunningServer, StartServer } from '../../integration/support/servers';
import { readFixtures } from '../../support/fixtures';

/** A signing secret in the Svix format, fixed so that runs are reproducible. */
export const LOAD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** One request of a plan, with the answer it must get: its status and how its body begins. */
export interface LoadRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly expected: { readonly status: number; readonly bodyPrefix: string };
}

/** What autocannon runs: for a duration, or until `amount` responses came back. */
export interface LoadPlan {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds?: number;
  readonly amount?: number;
  readonly requests: readonly LoadRequest[];
}

/** autocannon's figures for one run, and every answer that was not the one expected. */
export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly throughput: number;
  readonly unexpected: Readonly<Record<string, number>>;
}

const RECEIVED = { status: 200, bodyPrefix: '{"received":true}' } as const;

async function signedPost(
  url: string,
  body: string,
  expected: LoadRequest['expected'],
): Promise<LoadRequest> {
  // Signed once, up front: a run lasts far less than the 300 s tolerance.
  const signature = await signPayload({ payload: body, secret: LOAD_SECRET });
  return {
    method: 'POST',
    path: new URL(url).pathname,
    headers: { 'content-type': 'application/json', ...signature },
    body,
    expected,
  };
}

/** Every valid fixture, signed: each must be answered 200. */
export function validPlanRequests(url: string): Promise<LoadRequest[]> {
  return Promise.all(readFixtures('valid').map(({ raw }) => signedPost(url, raw, RECEIVED)));
}

/**
 * Ten requests of which two are bad: eight valid signed events, one signed body that is not
 * JSON (400 invalid_json) and one valid event without a signature (401 invalid_signature).
 */
export async function mixedPlanRequests(url: string): Promise<LoadRequest[]> {
  const valid = (await validPlanRequests(url)).slice(0, 8);
  const malformed = await signedPost(url, '{"type":"runtime.call.end",', {
    status: 400,
    bodyPrefix: '{"error":"invalid_json"',
  });
  const unsigned: LoadRequest = {
    ...valid[0]!,
    headers: { 'content-type': 'application/json' },
    expected: { status: 401, bodyPrefix: '{"error":"invalid_signature"}' },
  };
  return [...valid.slice(0, 4), malformed, ...valid.slice(4), unsigned];
}

/** Runs `plan` with autocannon in a child process and returns its figures. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const generator = fork(new URL('./load-generator.mjs', import.meta.url), {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(generator, 'exit');
  generator.send(plan);
  const [result] = (await once(generator, 'message')) as [LoadResult];
  await exited;
  return result;
}

/** One line of figures for the CI log. */
export function describeLoad(label: string, result: LoadResult): string {
  const { requests, throughput, latency, errors, timeouts, statuses } = result;
  return (
    `${label}: ${requests} requests (${Math.round(throughput)} req/s), ` +
    `p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms, ` +
    `errors ${errors}, timeouts ${timeouts}, statuses ${JSON.stringify(statuses)}`
  );
}

/** A server that requires signatures with {@link LOAD_SECRET} and counts the events it handles. */
export interface CountingServer {
  readonly server: RunningServer;
  delivered(): number;
}

/** Starts `start`'s server for a load run. */
export async function startCounting(start: StartServer): Promise<CountingServer> {
  let delivered = 0;
  const server = await start({
    secret: LOAD_SECRET,
    on: {
      '*': () => {
        delivered++;
      },
    },
  });
  return { server, delivered: () => delivered };
}
