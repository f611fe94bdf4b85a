import { createMemoryIdempotencyStore } from '../../src/http/index';
import { describeContract, describeIdempotency } from './support/contract';
import { startHono } from './support/servers';

const adapter = { name: 'voiceflow-webhooks/hono on @hono/node-server', start: startHono };

describeContract(adapter);
describeIdempotency(adapter, 'the memory store', () => createMemoryIdempotencyStore());
