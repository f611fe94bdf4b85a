/**
 * Target 5: requests per second over loopback, this package's adapter against a bare route on
 * the same framework. Each server runs in its own process; autocannon runs here. Bare and ours
 * take turns (bare, ours, bare, ours, ...) and the pair of adjacent runs with the median ratio
 * is reported, so slow drift in the machine's load hits both sides of what is compared.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { acceptedFixtures } from './support/fixtures.mjs';
import { medianPair } from './support/timing.mjs';

const FRAMEWORKS = ['express', 'express4', 'hono', 'node'];
const RUNS = 5;
const SECONDS = 4;
const CONNECTIONS = 10;
const PATH = '/webhooks/voiceflow';
const BODY = acceptedFixtures().find(({ name }) => name === 'call-end-twilio-outbound').raw;

async function start(framework, variant) {
  const child = fork(join(import.meta.dirname, 'http-server.mjs'), [framework, variant]);
  const [{ port }] = await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}${PATH}` };
}

async function stop({ child }) {
  const exited = once(child, 'exit');
  child.send('stop');
  await exited;
}

/** The answer must be the documented 200, or the numbers compare different work. */
async function checkAnswers(url) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  const text = await response.text();
  if (response.status !== 200 || JSON.parse(text).received !== true) {
    throw new Error(`${url} answered ${response.status} ${text}`);
  }
}

/**
 * Requests per second over one autocannon run (all requests over the whole run, rather than the
 * median of a handful of one-second samples); any non-2xx answer fails the bench.
 */
async function load(url, seconds = SECONDS) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return result.requests.total / seconds;
}

async function compareFramework(framework) {
  const servers = [await start(framework, 'bare'), await start(framework, 'ours')];
  try {
    for (const { url } of servers) await checkAnswers(url);
    // A first, unmeasured second under load lets both servers' code be compiled.
    for (const { url } of servers) await load(url, 1);
    const pairs = [];
    for (let run = 0; run < RUNS; run++) {
      // Each side goes first in every other run, so neither always meets the same moment.
      const [baseline, ours] = run % 2 === 0 ? servers : [servers[1], servers[0]];
      const first = await load(baseline.url);
      const second = await load(ours.url);
      pairs.push(
        run % 2 === 0 ? { baseline: first, ours: second } : { baseline: second, ours: first },
      );
    }
    if (process.env.BENCH_VERBOSE) console.error(framework, pairs);
    return medianPair(pairs);
  } finally {
    await Promise.all(servers.map(stop));
  }
}

const formatRps = (rps) => `${Math.round(rps).toLocaleString('en-US')} req/s`;

/** The rows of target 5, one per framework. */
export async function httpRows() {
  const rows = [];
  for (const framework of FRAMEWORKS) {
    const { baseline: bare, ours } = await compareFramework(framework);
    const ratio = ours / bare;
    rows.push({
      target: `5 ${framework} req/s / bare route >= 0.95 (autocannon, ${CONNECTIONS} connections)`,
      baseline: formatRps(bare),
      ours: formatRps(ours),
      ratio: `${ratio.toFixed(2)}x`,
      pass: ratio >= 0.95,
    });
  }
  return rows;
}
