import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../src/http/index';
import { signPayload } from '../../src/signature/index';
import { callEndWith, SECRET } from '../http/support';
import { type Adapter, describeContract, describeIdempotency } from './support/contract';
import { send } from './support/http';
import { type ExpressBodyMode, type RunningServer, startExpress } from './support/servers';

/** What each body parser keeps from reaching the webhook as sent. */
const modes: [ExpressBodyMode, string, Adapter['lacks']][] = [
  ['none', 'with no body parser', []],
  ['raw', "after express.raw({ type: 'application/json' })", []],
  ['text', "after express.text({ type: 'application/json' })", []],
  ['json', 'after express.json()', ['any-body', 'exact-bytes', 'counted-stream']],
  ['json-raw-body', 'after express.json({ verify }) keeping req.rawBody', ['any-body']],
];

for (const framework of ['express4', 'express5'] as const) {
  for (const [mode, label, lacks] of modes) {
    describeContract({
      name: `${framework} ${label}`,
      start: startExpress(framework, mode),
      lacks: lacks ?? [],
    });
  }
  describeIdempotency(
    { name: `${framework}`, start: startExpress(framework, 'none') },
    'the memory store',
    () => createMemoryIdempotencyStore(),
  );

  describe(`${framework} after express.json() with a secret`, () => {
    let bare: RunningServer;
    beforeAll(async () => {
      bare = await startExpress(framework, 'json')({ secret: SECRET });
    });
    afterAll(() => bare.close());

    it('answers 500 raw_body_unavailable, saying how to fix it, when no raw body was kept', async () => {
      const body = callEndWith({});
      const answer = await send(bare.url, {
        body,
        headers: await signPayload({ payload: body, secret: SECRET }),
      });
      expect(answer.status).toBe(500);
      const { error, message } = JSON.parse(answer.text) as { error: string; message: string };
      expect(error).toBe('raw_body_unavailable');
      expect(message).toMatch(/before express\.json\(\)/);
      expect(message).toMatch(/express\.raw\(\{ type: 'application\/json' \}\)/);
      expect(message).toMatch(/verify/);
    });
  });
}
