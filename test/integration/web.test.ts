import { createMemoryIdempotencyStore } from '../../src/http/index';
import { describeContract, describeIdempotency } from './support/contract';
import { startNext, startWeb } from './support/servers';

for (const adapter of [
  { name: 'voiceflow-webhooks/web under a Node server', start: startWeb },
  { name: 'voiceflow-webhooks/next under a Node server', start: startNext },
]) {
  describeContract(adapter);
  describeIdempotency(adapter, 'the memory store', () => createMemoryIdempotencyStore());
}
