import { WebhookRequestError } from './errors';
import { positiveInteger } from './options';
import { LATE, type Late, settleWithin } from './time-limit';

/**
 * What {@link IdempotencyStore.claim} found:
 * - `claimed`: the key was free and is now held by this attempt (in flight).
 * - `in_flight`: another attempt holds it and has not finished yet.
 * - `completed`: an earlier attempt handled this delivery successfully.
 */
export type IdempotencyClaim = 'claimed' | 'in_flight' | 'completed';

/**
 * Remembers which deliveries were handled, so a retried delivery (same `webhook-id`) runs the
 * handlers only once. Keys are delivery ids. Each step must be atomic across every instance that
 * shares the store:
 *
 * 1. `claim(key, ttlMs)` before the handlers: take the key as in flight for `ttlMs` if it is free
 *    (Redis: `SET key in_flight NX PX ttlMs`), otherwise say whether it is in flight or completed.
 * 2. `complete(key, ttlMs)` after the handlers succeeded: mark it completed for `ttlMs`.
 * 3. `release(key)` after a handler failed: forget it, so the sender's retry runs the handlers again.
 *
 * A claim that is never completed nor released (the process died) expires after its `ttlMs`.
 * `claim` returns three states rather than a boolean because an attempt still in flight must be
 * answered differently (409, retry later) from one that completed (200).
 *
 * @example
 * ```ts
 * const store: IdempotencyStore = {
 *   async claim(key, ttlMs) {
 *     if (await redis.set(key, 'in_flight', 'PX', ttlMs, 'NX')) return 'claimed';
 *     return (await redis.get(key)) === 'completed' ? 'completed' : 'in_flight';
 *   },
 *   async complete(key, ttlMs) { await redis.set(key, 'completed', 'PX', ttlMs); },
 *   async release(key) { await redis.del(key); },
 * };
 * ```
 */
export interface IdempotencyStore {
  /** Takes `key` as in flight for `ttlMs` when it is free; otherwise reports its state. */
  claim(key: string, ttlMs: number): Promise<IdempotencyClaim>;
  /** Marks `key` as completed and keeps it for `ttlMs`. */
  complete(key: string, ttlMs: number): Promise<void>;
  /** Forgets `key`, so the next attempt of that delivery claims it again. */
  release(key: string): Promise<void>;
}

/**
 * How long a claim stays in flight before it expires: far longer than any handler should run
 * (senders time out after seconds), short enough that a crashed attempt blocks retries briefly.
 */
export const IN_FLIGHT_TTL_MS = 5 * 60 * 1000;

/**
 * How long a completed delivery is remembered: Svix retries a failed message for about 28 hours,
 * so three days covers every automatic retry with margin.
 */
export const COMPLETED_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** The longest any key is kept, in ms; it caps the TTL the handler asks for. Default: 3 days. */
  ttlMs?: number;
  /** How many keys are kept at most; the oldest is dropped first. Default: 10,000. */
  maxEntries?: number;
}

interface Entry {
  state: 'in_flight' | 'completed';
  expiresAt: number;
}

/**
 * An {@link IdempotencyStore} in this process's memory: bounded (`maxEntries`, oldest dropped
 * first) and expiring (`ttlMs`). Right for a single long-running process; with several instances
 * or serverless functions, use a shared store such as Redis.
 *
 * @example
 * ```ts
 * import { createMemoryIdempotencyStore } from 'voiceflow-webhooks';
 * import { voiceflowWebhook } from 'voiceflow-webhooks/express';
 *
 * app.post('/webhooks/voiceflow', voiceflowWebhook({
 *   idempotency: createMemoryIdempotencyStore({ maxEntries: 50_000 }),
 *   on: { 'runtime.call.end': saveCall },
 * }));
 * ```
 */
export function createMemoryIdempotencyStore(
  options: MemoryIdempotencyStoreOptions = {},
): IdempotencyStore {
  const maxTtl = positiveInteger('ttlMs', options.ttlMs, COMPLETED_TTL_MS);
  const maxEntries = positiveInteger('maxEntries', options.maxEntries, 10_000);
  // A Map iterates in insertion order, and every write re-inserts, so the first key is the oldest.
  const entries = new Map<string, Entry>();

  const write = (key: string, state: Entry['state'], ttlMs: number): void => {
    entries.delete(key);
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { state, expiresAt: Date.now() + Math.min(ttlMs, maxTtl) });
  };

  return {
    async claim(key, ttlMs) {
      const entry = entries.get(key);
      // An expired entry is as good as none: writing the claim replaces it.
      if (entry !== undefined && entry.expiresAt > Date.now()) return entry.state;
      write(key, 'in_flight', ttlMs);
      return 'claimed';
    },
    async complete(key, ttlMs) {
      write(key, 'completed', ttlMs);
    },
    async release(key) {
      entries.delete(key);
    },
  };
}

const storeFailed = (error: unknown): WebhookRequestError =>
  new WebhookRequestError('idempotency_unavailable', 'The idempotency store failed', error);

/**
 * Runs the handlers (`start`) for delivery `key` unless it completed before (`'completed'`) or is
 * in flight (409). Once they settle, the key is marked completed, or released when they failed so
 * that the retry runs them again; a store failure at that point goes to `onStoreFailure` and the
 * outcome stands, since the handlers already ran. When they outlast `timeoutMs`, the answer is
 * {@link LATE} at once, and the key stays in flight until they really settle.
 *
 * @returns the handlers' failure, `undefined` when they succeeded, or why they did not run.
 */
export async function runOnce(
  store: IdempotencyStore,
  key: string,
  start: () => Promise<WebhookRequestError | undefined>,
  timeoutMs: number,
  onStoreFailure: (error: WebhookRequestError) => void,
): Promise<WebhookRequestError | 'completed' | Late | undefined> {
  let state: unknown;
  try {
    state = await store.claim(key, IN_FLIGHT_TTL_MS);
  } catch (error) {
    return storeFailed(error);
  }
  if (state === 'completed') return state;
  if (state !== 'claimed') {
    return state === 'in_flight'
      ? new WebhookRequestError(
          'delivery_in_progress',
          `Delivery ${key} is still being handled by an earlier attempt`,
        )
      : storeFailed(new TypeError(`claim() resolved to ${String(state)}`));
  }
  const settled = start();
  // Recorded when the handlers really settle, even after a time-out answered: released at once,
  // the key would let a retry run them a second time while the first run is still going.
  const recorded = settled
    .then((failure) => (failure ? store.release(key) : store.complete(key, COMPLETED_TTL_MS)))
    .catch((error: unknown) => onStoreFailure(storeFailed(error)));
  const failure = await settleWithin(settled, timeoutMs);
  if (failure !== LATE) await recorded;
  return failure;
}
