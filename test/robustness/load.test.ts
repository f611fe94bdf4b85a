/**
 * Load on loopback: autocannon with 50 connections against the Express, Hono and node adapters,
 * 20 s of valid signed events, then 10 s of a mix where one request in five is malformed or
 * unsigned. Zero errors, every answer the one its request must get, every 200 delivered.
 * Slow (about 95 s): kept apart so CI can run it as its own step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type StartServer,
  startExpress,
  startHono,
  startNode,
} from '../integration/support/servers';
import {
  type CountingServer,
  describeLoad,
  type LoadRequest,
  type LoadResult,
  mixedPlanRequests,
  runLoad,
  startCounting,
  validPlanRequests,
} from './support/load';

const CONNECTIONS = 50;
const VALID_SECONDS = 20;
const MIXED_SECONDS = 10;

const ADAPTERS: Readonly<Record<string, StartServer>> = {
  express: startExpress('express5', 'none'),
  hono: startHono,
  node: startNode,
};

describe.each(Object.entries(ADAPTERS))('the %s adapter under load', (name, start) => {
  let counting: CountingServer;

  beforeAll(async () => {
    counting = await startCounting(start);
  });
  afterAll(() => counting.server.close());

  /** Runs the plan and checks what every load run must show, whatever its mix. */
  async function load(
    label: string,
    requests: LoadRequest[],
    durationSeconds: number,
  ): Promise<LoadResult> {
    const { server, delivered } = counting;
    const before = delivered();
    const result = await runLoad({
      url: server.url,
      connections: CONNECTIONS,
      durationSeconds,
      requests,
    });
    console.info(describeLoad(`load ${name} ${label}`, result));
    expect({ errors: result.errors, timeouts: result.timeouts, resets: result.resets }).toEqual({
      errors: 0,
      timeouts: 0,
      resets: 0,
    });
    expect(result.unexpected).toEqual({});
    // Requests in flight when the run stops are handled without their answer being counted.
    const ok = result.statuses[200] ?? 0;
    expect(delivered() - before).toBeGreaterThanOrEqual(ok);
    expect(delivered() - before).toBeLessThanOrEqual(ok + CONNECTIONS);
    return result;
  }

  it(
    `answers ${CONNECTIONS} connections of valid events for ${VALID_SECONDS} s with 200 only`,
    async () => {
      const result = await load(
        'valid',
        await validPlanRequests(counting.server.url),
        VALID_SECONDS,
      );
      expect(Object.keys(result.statuses)).toEqual(['200']);
    },
    (VALID_SECONDS + 30) * 1000,
  );

  it(
    `answers a ${MIXED_SECONDS} s mix, 20% malformed or unsigned, each with its own status`,
    async () => {
      const result = await load(
        'mixed',
        await mixedPlanRequests(counting.server.url),
        MIXED_SECONDS,
      );
      const { 200: ok = 0, 400: malformed = 0, 401: unsigned = 0 } = result.statuses;
      expect(Object.keys(result.statuses)).toEqual(['200', '400', '401']);
      // Each connection cycles through ten requests: eight valid, one malformed, one unsigned.
      expect(Math.abs(malformed - result.requests / 10)).toBeLessThanOrEqual(CONNECTIONS);
      expect(Math.abs(unsigned - result.requests / 10)).toBeLessThanOrEqual(CONNECTIONS);
      expect(ok + malformed + unsigned).toBe(result.requests);
    },
    (MIXED_SECONDS + 30) * 1000,
  );
});
