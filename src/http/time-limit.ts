/** What {@link settleWithin} resolves to when the time ran out before the work settled. */
export const LATE: unique symbol = Symbol('late');

/** The type of {@link LATE}. */
export type Late = typeof LATE;

/**
 * What `work` resolves to, or {@link LATE} once `timeoutMs` passed first. `work` is not
 * cancelled (nothing in JavaScript can cancel it); the timer is cleared as soon as either side
 * wins, and does not keep the process alive where timers can say so (Node, Bun). `work` must not
 * reject.
 */
export function settleWithin<T>(work: Promise<T>, timeoutMs: number): Promise<T | Late> {
  if (timeoutMs === Infinity) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<Late>((resolve) => {
    timer = setTimeout(() => resolve(LATE), timeoutMs);
    (timer as unknown as { unref?: () => void } | null)?.unref?.();
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
