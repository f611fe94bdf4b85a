import { STATUS_CODES } from 'node:http';
import { version } from '../../package.json';

/** A request body: text, or exact bytes as read from a file. */
export type Body = string | Uint8Array<ArrayBuffer>;

/** What came back from a delivery. */
export interface Delivery {
  readonly status: number;
  /** `200 OK`, `400 Bad Request`... */
  readonly statusLine: string;
  readonly body: string;
}

/** Svix gives up on an endpoint that has not answered within 15 seconds; so does the CLI. */
const TIMEOUT_MS = 15_000;

/** A refused connection, a bad host or a timeout, worded for the terminal. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

/** Whether a status counts as delivered for Svix: 2xx only (a redirect is a failure). */
export const isDelivered = (status: number): boolean => status >= 200 && status < 300;

/** POSTs `body` to `url` as Voiceflow does: JSON, plus `headers` (the signature, if any). */
export async function deliver(
  url: string,
  body: Body,
  headers: Readonly<Record<string, string>> = {},
): Promise<Delivery> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `voiceflow-webhooks-cli/${version}`,
        ...headers,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const reason = response.statusText || STATUS_CODES[response.status] || '';
    const statusLine = `${response.status} ${reason}`.trim();
    return { status: response.status, statusLine, body: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { message?: unknown } }).cause?.message;
    const reason = typeof cause === 'string' ? cause : (error as Error).message;
    throw new DeliveryError(`could not deliver to ${url}: ${reason}`);
  }
}
