import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEndWith } from '../../http/support';
import type { Adapter } from './contract';
import { send } from './http';
import { Recorder } from './recorder';
import type { RunningServer } from './servers';

const FIFTY_MB = 50 * 1024 * 1024;
const TWENTY_MB = 20 * 1024 * 1024;
const run = promisify(execFile);
const sender = join(import.meta.dirname, 'send-large-body.mjs');

interface LargeBodyResult {
  status: number;
  body: string;
  sent: number;
  error: string;
}

/** Streams `bytes` chunked to `url` from a child process. */
async function sendLarge(url: string, bytes: number): Promise<LargeBodyResult> {
  const { stdout } = await run(process.execPath, [sender, url, String(bytes)], { timeout: 15_000 });
  return JSON.parse(stdout) as LargeBodyResult;
}

/**
 * Sends a 50 MB chunked body to an adapter with the default limit: it must answer 413 without
 * buffering (the server's RSS grows by less than 20 MB) and serve the next request normally.
 */
export function describeLargeBody(adapter: Adapter): void {
  describe(`${adapter.name} refuses a 50 MB body`, () => {
    let running: RunningServer;
    beforeAll(async () => {
      running = await adapter.start(new Recorder().options());
    });
    afterAll(() => running.close());

    it('answers 413 without buffering the body, then serves the next request', async () => {
      expect((await send(running.url, { body: callEndWith({}) })).status).toBe(200);
      // A first refusal warms up what any request allocates, so the measured one shows only growth.
      await sendLarge(running.url, FIFTY_MB);
      const before = process.memoryUsage().rss;
      const result = await sendLarge(running.url, FIFTY_MB);
      const growth = process.memoryUsage().rss - before;
      expect(result).toMatchObject({ status: 413, body: '{"error":"payload_too_large"}' });
      expect(growth).toBeLessThan(TWENTY_MB);
      expect((await send(running.url, { body: callEndWith({}) })).status).toBe(200);
      console.info(
        `${adapter.name}: 413 after the sender wrote ${(result.sent / 2 ** 20).toFixed(1)} MB` +
          ` (${result.error || 'no error'}); server RSS grew ${(growth / 2 ** 20).toFixed(1)} MB`,
      );
    });
  });
}
