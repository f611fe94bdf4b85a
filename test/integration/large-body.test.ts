import { describeLargeBody } from './support/large-body';
import { startExpress, startHono, startNode, startWeb } from './support/servers';

describeLargeBody({ name: 'voiceflow-webhooks/node', start: startNode });
describeLargeBody({
  name: 'express4 with no body parser',
  start: startExpress('express4', 'none'),
});
describeLargeBody({
  name: 'express5 with no body parser',
  start: startExpress('express5', 'none'),
});
describeLargeBody({ name: 'voiceflow-webhooks/hono', start: startHono });
describeLargeBody({ name: 'voiceflow-webhooks/web', start: startWeb });
