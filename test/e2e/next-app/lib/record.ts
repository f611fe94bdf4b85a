import { appendFileSync } from 'node:fs';

/** One thing a handler saw, as the e2e test reads it back. */
export interface Sighting {
  /** Which route file saw it. */
  route: string;
  /** Which callback: an event type, `'*'`, `'onUnknownEvent'` or `'onError'`. */
  hook: string;
  /** The `webhook-id` of the delivery, from the handler's context. */
  deliveryId: string | undefined;
  [detail: string]: unknown;
}

/**
 * Appends `sighting` as one JSON line to the file named by `E2E_RECORD_FILE`: a file, not memory,
 * because Next.js may load each route in its own module graph, and the test is another process.
 */
export function record(sighting: Sighting): void {
  const file = process.env.E2E_RECORD_FILE;
  if (file === undefined) throw new Error('E2E_RECORD_FILE is not set');
  appendFileSync(file, `${JSON.stringify(sighting)}\n`);
}
