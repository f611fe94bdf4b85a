/**
 * Target 1: `parseEvent(text)` within 1.10x of `JSON.parse(text)`.
 *
 * Each fixture is measured in processes of its own (five; the one with the median ratio
 * counts), as a server receiving that one kind of event sees it: once several fixtures have run
 * through the same code, the engine's property caches hold many object layouts and every field
 * read slows down, for `JSON.parse` consumers and hand-written checks alike, and a fixture
 * measured late would pay for those measured before it. One more row runs all fixtures in turn
 * in each process, the mixed traffic of a busy endpoint.
 *
 * `node bench/parse-text.mjs <fixture name | --all>` prints `{ baseline, ours }` (ns) as JSON.
 */
import { spawnSync } from 'node:child_process';
import { parseEvent } from '../dist/runtime-node/index.js';
import { acceptedFixtures } from './support/fixtures.mjs';
import { compareTimes, medianPair, overEach, timeRow } from './support/timing.mjs';

const ALL = '--all';
const LIMIT = 1.1;
const PROCESSES = 5;
const ROUNDS_PER_PROCESS = 9;

async function measureText(which) {
  const texts = acceptedFixtures()
    .filter(({ name }) => which === ALL || name === which)
    .map(({ raw }) => raw);
  if (texts.length === 0) throw new Error(`no accepted fixture named ${which}`);
  const [baseline, ours] = await compareTimes(
    [overEach(texts, JSON.parse), overEach(texts, parseEvent)],
    { rounds: ROUNDS_PER_PROCESS },
  );
  return { baseline, ours };
}

/** Measures `which` in several processes and keeps the one with the median ratio. */
function measureInChildren(which) {
  const runs = Array.from({ length: PROCESSES }, () => {
    const run = spawnSync(process.execPath, [import.meta.filename, which], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`measuring ${which} failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  });
  return medianPair(runs);
}

/** The rows of target 1: one per accepted fixture, then all of them mixed. */
export function textRows() {
  const fixtures = acceptedFixtures();
  const rows = fixtures.map(({ name }) => {
    const { baseline, ours } = measureInChildren(name);
    return timeRow(`1 parseEvent(text) / JSON.parse <= 1.10: ${name}`, baseline, ours, LIMIT);
  });
  const { baseline, ours } = measureInChildren(ALL);
  const label = `1 parseEvent(text) / JSON.parse <= 1.10: all ${fixtures.length} mixed, one process`;
  rows.push(timeRow(label, baseline, ours, LIMIT));
  return rows;
}

if (process.argv[1] === import.meta.filename) {
  console.log(JSON.stringify(await measureText(process.argv[2] ?? ALL)));
}
