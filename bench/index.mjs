/**
 * `npm run bench`: every performance target of the package, measured against its baseline in
 * one run on this machine, printed as one table (target, baseline, ours, ratio, pass). A missed
 * target shows FAIL but does not change the exit code; `npm run check:size` is the gate for
 * sizes. Expects a fresh `npm run build` (the npm script runs it first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { formatKB, measureSizes } from '../scripts/check-size.mjs';
import { parseRows } from './parse.mjs';
import { startupRows } from './startup.mjs';
import { formatNs, printTable, timeRow } from './support/timing.mjs';

const repo = join(import.meta.dirname, '..');
const ADAPTERS = ['web', 'express', 'hono', 'node'];

/**
 * Bun comes with the other runtimes (`npm run toolchains`). It ships its binary inside a platform
 * package; `bun.exe` is only real once its postinstall ran.
 */
const BUN_CANDIDATES = [
  'bun/bin/bun.exe',
  '@oven/bun-linux-x64/bin/bun',
  '@oven/bun-linux-x64-baseline/bin/bun',
];

function findBun() {
  for (const candidate of BUN_CANDIDATES) {
    const path = join(repo, 'test/package/toolchains/node_modules', candidate);
    if (existsSync(path) && spawnSync(path, ['--version']).status === 0) return path;
  }
  return undefined;
}

function missingRow(target, why) {
  return { target, baseline: '-', ours: why, ratio: '-', pass: false };
}

function signatureRow(runtimePath, runtimeName) {
  const target = `6 verifySignature / standardwebhooks verify <= 1.00: ${runtimeName}`;
  if (runtimePath === undefined) return missingRow(target, 'no runtime');
  const run = spawnSync(runtimePath, [join(import.meta.dirname, 'signature.mjs')], {
    encoding: 'utf8',
  });
  if (run.status !== 0) return missingRow(target, `failed: ${run.stderr.trim().split('\n')[0]}`);
  const { runtime, fixtures, baselineNs, oursNs } = JSON.parse(run.stdout);
  return timeRow(
    `6 verifySignature / standardwebhooks verify <= 1.00: ${runtime}, ${fixtures} payloads`,
    baselineNs,
    oursNs,
    1,
  );
}

async function sizeRows() {
  return (await measureSizes()).map(({ name, size, budget, rule }) => ({
    target: `7 min+gzip ${name} ${rule}`,
    baseline: formatKB(budget),
    ours: size === undefined ? 'not built' : formatKB(size),
    ratio: size === undefined ? '-' : `${(size / budget).toFixed(2)}x`,
    pass: size !== undefined && size <= budget,
  }));
}

const adaptersBuilt = () =>
  ADAPTERS.every((adapter) => existsSync(join(repo, 'dist', 'runtime-node', adapter, 'index.js')));

async function adapterRows() {
  if (!adaptersBuilt()) return [missingRow('4 and 5 adapters', 'not built')];
  const { webRows } = await import('./web.mjs');
  const { httpRows } = await import('./http.mjs');
  return [...(await webRows()), ...(await httpRows())];
}

function describeMachine() {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model ?? 'unknown CPU'}), Node ${process.versions.node}, ${process.platform}-${process.arch}`;
}

console.log(`voiceflow-webhooks bench on ${describeMachine()}`);
console.log('Times are medians of CPU time per call; see bench/support/timing.mjs.\n');
const started = performance.now();
const rows = [
  ...(await parseRows()),
  ...(await adapterRows()),
  signatureRow(process.execPath, 'Node'),
  signatureRow(findBun(), 'Bun'),
  ...(await sizeRows()),
  ...startupRows(),
];
printTable(rows);
const passed = rows.filter((row) => row.pass).length;
const elapsed = formatNs((performance.now() - started) * 1e6);
console.log(`\n${passed} of ${rows.length} rows pass (${elapsed}).`);
