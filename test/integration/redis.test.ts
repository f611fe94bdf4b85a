import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callEndWith } from '../http/support';
import { redisIdempotencyStore } from './redis-store';
import { describeIdempotency } from './support/contract';
import { send } from './support/http';
import { Recorder } from './support/recorder';
import { hasRedisServer, type RedisServer, startRedisServer } from './support/redis-server';
import { type RunningServer, startExpress, startNode } from './support/servers';

const available = hasRedisServer();
if (!available) {
  console.warn(
    'Skipping the Redis idempotency tests: redis-server is not installed (apt-get install -y redis-server).',
  );
}

describe.skipIf(!available)('the Redis idempotency recipe against a real redis-server', () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('claims once, reports in flight and completed, and frees the key on release', async () => {
    const store = redisIdempotencyStore(redis, 'unit:');
    expect(await store.claim('a', 60_000)).toBe('claimed');
    expect(await store.claim('a', 60_000)).toBe('in_flight');
    await store.complete('a', 60_000);
    expect(await store.claim('a', 60_000)).toBe('completed');
    expect(await redis.pttl('unit:a')).toBeGreaterThan(50_000);
    await store.release('a');
    expect(await store.claim('a', 60_000)).toBe('claimed');
  });

  it('lets a claim expire after its TTL', async () => {
    const store = redisIdempotencyStore(redis, 'ttl:');
    await store.claim('b', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.claim('b', 50)).toBe('claimed');
  });

  describeIdempotency(
    { name: 'voiceflow-webhooks/node', start: startNode },
    'the Redis store',
    () => redisIdempotencyStore(redis, 'node:'),
  );

  describe('two app instances sharing one Redis', () => {
    const recorders = [new Recorder(), new Recorder()];
    let apps: RunningServer[];
    beforeAll(async () => {
      const store = redisIdempotencyStore(redis, 'shared:');
      apps = [
        await startNode(recorders[0]!.options({ idempotency: store })),
        await startExpress('express5', 'none')(recorders[1]!.options({ idempotency: store })),
      ];
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    it('runs a delivery retried on the other instance only once', async () => {
      const headers = { 'webhook-id': 'msg_shared_1' };
      const body = callEndWith({});
      expect((await send(apps[0]!.url, { body, headers })).status).toBe(200);
      const retry = await send(apps[1]!.url, { body, headers });
      expect(JSON.parse(retry.text)).toEqual({ received: true, duplicate: true });
      expect(recorders.map((recorder) => recorder.of('msg_shared_1').length)).toEqual([2, 0]);
    });
  });
});
