/**
 * Runs autocannon in its own process, so the server under test keeps a core of its own and its
 * memory is measured without the load generator's. Receives one plan over IPC and answers with
 * autocannon's summary plus, per request of the plan, every status that differed from the one
 * expected (autocannon cycles through the plan's requests in order on each connection).
 */
import autocannon from 'autocannon';

/** @param {{ status: number, bodyPrefix: string }} expected */
function matches(expected, status, body) {
  return status === expected.status && String(body).startsWith(expected.bodyPrefix);
}

process.once('message', async (plan) => {
  /** @type {Record<string, number>} */
  const unexpected = {};
  const requests = plan.requests.map(({ expected, ...request }, index) => ({
    ...request,
    onResponse: (status, body) => {
      if (matches(expected, status, body)) return;
      const key = `request ${index} answered ${status}`;
      unexpected[key] = (unexpected[key] ?? 0) + 1;
    },
  }));
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount ? { amount: plan.amount } : { duration: plan.durationSeconds }),
    requests,
  });
  process.send({
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    throughput: result.requests.average,
    unexpected,
  });
  process.disconnect();
});
