/**
 * Target 4: the `/web` handler in process, `Request` in and `Response` out, against a bare
 * handler that parses the JSON and answers the same 200 body. Each call builds a fresh
 * `Request` per accepted fixture, on both sides, and reads the response body.
 */
import { voiceflowWebhook } from '../dist/runtime-node/web/index.js';
import { acceptedFixtures } from './support/fixtures.mjs';
import { compareTimes, timeRow } from './support/timing.mjs';

const bodies = acceptedFixtures().map(({ raw }) => raw);
const URL = 'http://127.0.0.1/webhooks/voiceflow';
const HEADERS = { 'content-type': 'application/json' };

async function bare(request) {
  await request.json();
  return Response.json({ received: true });
}

/** One call: every fixture through `handler`, checking each answer is 200. */
const overFixtures = (handler) => async () => {
  for (const body of bodies) {
    const response = await handler(new Request(URL, { method: 'POST', headers: HEADERS, body }));
    await response.text();
    if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
  }
};

/** The row of target 4. */
export async function webRows() {
  const ours = voiceflowWebhook({ on: { '*': () => undefined } });
  // Twice the default rounds: a whole request costs tens of microseconds of allocation-heavy
  // work, whose garbage collection lands in whichever round it happens to fall.
  const [bareNs, oursNs] = await compareTimes([overFixtures(bare), overFixtures(ours)], {
    rounds: 31,
    minCpuMs: 30,
  });
  const label = `4 /web handler / bare request.json() handler <= 1.15: ${bodies.length} requests`;
  return [timeRow(label, bareNs, oursNs, 1.15)];
}
