import { readFixtures } from '../support/fixtures';

/** A signing secret in the Svix format, fixed so that failures are reproducible. */
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Another valid secret, for "signed with the wrong secret". */
export const OTHER_SECRET = 'whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA==';

/** The raw text of a valid fixture. */
export function fixtureText(name: string): string {
  const file = readFixtures('valid').find((fixture) => fixture.name === name);
  if (file === undefined) throw new Error(`no valid fixture named ${name}`);
  return file.raw;
}

/** A valid call-end event as text, with top-level fields replaced or added. */
export function callEndWith(fields: Record<string, unknown>, dataFields = {}): string {
  const event = JSON.parse(fixtureText('call-end-twilio-inbound')) as { data: object };
  return JSON.stringify({ ...event, ...fields, data: { ...event.data, ...dataFields } });
}

/** A POST of `body` as JSON with extra headers. */
export function jsonPost(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1/webhooks/voiceflow', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    // Required by Node's fetch for a stream body; harmless otherwise.
    duplex: 'half',
  } as RequestInit);
}

/** A stream of `count` chunks of `size` bytes that records how many chunks were pulled and whether it was cancelled. */
export function countingStream(
  count: number,
  size: number,
  options: { stallAfter?: number } = {},
): { stream: ReadableStream<Uint8Array>; state: { pulled: number; cancelled: boolean } } {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(size).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      // A sender that goes quiet mid-body: the pull never settles.
      if (state.pulled === options.stallAfter) return new Promise<void>(() => undefined);
      if (state.pulled === count) return controller.close();
      state.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}
