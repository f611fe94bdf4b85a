import type { Refusal } from './outcome';

/** What {@link settleWithin} resolves to when the time ran out before the work settled. */
export const LATE: unique symbol = Symbol('late');

/** The type of {@link LATE}. */
export type Late = typeof LATE;

/** The handlers of one request, and how long the answer may wait for them. */
export interface HandlerRun {
  /** Starts the handlers; settles with their failure, if any, once they have all settled. */
  readonly start: () => Promise<Refusal | undefined>;
  /** How long the answer waits for them, in milliseconds; `Infinity` waits as long as they run. */
  readonly timeoutMs: number;
}

type Timer = ReturnType<typeof setTimeout>;

/** Lets the process exit while the timer is pending, where timers can say so (Node, Bun). */
function unref(timer: Timer): void {
  const handle = timer as unknown as { unref?: unknown } | null;
  if (typeof handle === 'object' && typeof handle?.unref === 'function') handle.unref();
}

/**
 * What `work` resolves to, or {@link LATE} once `timeoutMs` passed first. `work` is not
 * cancelled (nothing in JavaScript can cancel it); the timer is cleared as soon as either side
 * wins. `work` must not reject.
 */
export function settleWithin<T>(work: Promise<T>, timeoutMs: number): Promise<T | Late> {
  if (timeoutMs === Infinity) return work;
  let timer: Timer | undefined;
  const expiry = new Promise<Late>((resolve) => {
    timer = setTimeout(() => resolve(LATE), timeoutMs);
    unref(timer);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
