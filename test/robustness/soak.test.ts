/**
 * Soak: 200,000 requests over keep-alive connections to the node adapter, one in five
 * malformed or unsigned. The resident memory of the process after them must stay within 15 MB
 * of its level after the first 20,000, once both are measured after a full garbage collection.
 * Slow (about 30 s): kept apart so CI can run it as its own step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode } from '../integration/support/servers';
import {
  type CountingServer,
  describeLoad,
  mixedPlanRequests,
  runLoad,
  startCounting,
} from './support/load';

const WARM_UP = 20_000;
const TOTAL = 200_000;
const CONNECTIONS = 50;
const MAX_GROWTH_BYTES = 15 * 1024 * 1024;
/** The heap itself, the sharper sign of a leak: objects kept per request would show here first. */
const MAX_HEAP_GROWTH_BYTES = 5 * 1024 * 1024;

/** The garbage collector, which vitest's workers do not expose; the flag can be set at run time. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Memory once garbage is collected and finalizers have run: web streams and fetch objects are
 * released by FinalizationRegistry callbacks, which run in later tasks, after a collection.
 */
async function settledMemory(): Promise<{ rss: number; heap: number }> {
  for (let round = 0; round < 4; round++) {
    collectGarbage();
    await sleep(50);
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heap: heapUsed };
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('the node adapter over 200,000 requests', () => {
  let counting: CountingServer;

  beforeAll(async () => {
    counting = await startCounting(startNode);
  });
  afterAll(() => counting.server.close());

  it('keeps resident memory within 15 MB of its level after the first 20,000', async () => {
    const { server, delivered } = counting;
    const requests = await mixedPlanRequests(server.url);
    const soak = (amount: number) =>
      runLoad({ url: server.url, connections: CONNECTIONS, amount, requests });

    const warmUp = await soak(WARM_UP);
    const afterWarmUp = await settledMemory();
    const rest = await soak(TOTAL - WARM_UP);
    const afterSoak = await settledMemory();

    console.info(describeLoad('soak warm-up', warmUp));
    console.info(describeLoad('soak rest', rest));
    console.info(
      `soak: RSS ${megabytes(afterWarmUp.rss)} after ${WARM_UP}, ${megabytes(afterSoak.rss)} ` +
        `after ${TOTAL} (growth ${megabytes(afterSoak.rss - afterWarmUp.rss)}); heap ` +
        `${megabytes(afterWarmUp.heap)} then ${megabytes(afterSoak.heap)}; ${delivered()} events delivered`,
    );
    for (const run of [warmUp, rest]) {
      expect([run.errors, run.timeouts, run.resets, run.unexpected]).toEqual([0, 0, 0, {}]);
    }
    expect(warmUp.requests + rest.requests).toBe(TOTAL);
    // Every 200 was one delivery, and nothing else was delivered.
    expect(delivered()).toBe((warmUp.statuses[200] ?? 0) + (rest.statuses[200] ?? 0));
    expect(afterSoak.rss - afterWarmUp.rss).toBeLessThan(MAX_GROWTH_BYTES);
    expect(afterSoak.heap - afterWarmUp.heap).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  }, 180_000);
});
