import { createMemoryIdempotencyStore } from '../../src/http/index';
import { describeContract, describeIdempotency } from './support/contract';
import { startHono, startHonoOverFetch } from './support/servers';

const adapter = { name: 'voiceflow-webhooks/hono on @hono/node-server', start: startHono };

describeContract(adapter);
describeIdempotency(adapter, 'the memory store', () => createMemoryIdempotencyStore());

const overFetch = {
  name: 'voiceflow-webhooks/hono given only the web Request (no c.env.incoming)',
  start: startHonoOverFetch,
};

describeContract(overFetch);
describeIdempotency(overFetch, 'the memory store', () => createMemoryIdempotencyStore());
