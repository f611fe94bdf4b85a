import { createMemoryIdempotencyStore } from '../../src/http/index';
import { describeContract, describeIdempotency } from './support/contract';
import { startNode } from './support/servers';

const adapter = { name: 'voiceflow-webhooks/node on node:http', start: startNode };

describeContract(adapter);
describeIdempotency(adapter, 'the memory store', () => createMemoryIdempotencyStore());
