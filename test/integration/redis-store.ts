import type { Redis } from 'ioredis';
import type { IdempotencyStore } from '../../src/http/index';

/**
 * An idempotency store on Redis, shared by every instance of the app: `SET NX PX` claims a
 * delivery atomically, so two instances receiving the same retry never both run the handlers.
 */
export function redisIdempotencyStore(
  redis: Redis,
  prefix = 'voiceflow-webhook:',
): IdempotencyStore {
  return {
    async claim(deliveryId, ttlMs) {
      const key = prefix + deliveryId;
      if (await redis.set(key, 'in_flight', 'PX', ttlMs, 'NX')) return 'claimed';
      return (await redis.get(key)) === 'completed' ? 'completed' : 'in_flight';
    },
    async complete(deliveryId, ttlMs) {
      await redis.set(prefix + deliveryId, 'completed', 'PX', ttlMs);
    },
    async release(deliveryId) {
      await redis.del(prefix + deliveryId);
    },
  };
}
