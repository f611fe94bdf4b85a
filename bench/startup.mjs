/**
 * Target 8: what loading the package adds to a bare Node start. Runs `node -e ""` and
 * `node -e "require('<repo>')"` alternately and compares the medians of their wall times.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from './support/timing.mjs';

const RUNS = 30;
const LIMIT_MS = 10;
const repo = join(import.meta.dirname, '..');

function wallMs(script) {
  const start = performance.now();
  const { status, stderr } = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (status !== 0) throw new Error(`node -e ${JSON.stringify(script)} failed: ${stderr}`);
  return elapsed;
}

/** The row of target 8. */
export function startupRows() {
  const bare = [];
  const loading = [];
  const script = `require(${JSON.stringify(repo)})`;
  for (let run = 0; run < RUNS; run++) {
    bare.push(wallMs(''));
    loading.push(wallMs(script));
  }
  const [bareMs, oursMs] = [median(bare), median(loading)];
  const added = oursMs - bareMs;
  return [
    {
      target: `8 node -e "require('voiceflow-webhooks')" adds <= ${LIMIT_MS} ms (median of ${RUNS})`,
      baseline: `${bareMs.toFixed(1)} ms`,
      ours: `${oursMs.toFixed(1)} ms`,
      ratio: `${added < 0 ? '' : '+'}${added.toFixed(1)} ms`,
      pass: added <= LIMIT_MS,
    },
  ];
}
