/**
 * The dist smoke test: installs the tarball given as the only argument into a consumer project
 * (frameworks linked from the repository), runs `test/package/consumer-js/smoke.mjs` there on
 * Node 20, the oldest Node the package supports, and runs each `bin` on a valid and an invalid
 * fixture. Exits 1 on any failure.
 */
import { join } from 'node:path';
import { writeConsumerFiles } from './cases.mjs';
import { createConsumer, readManifest, repoRoot, withTempDir } from './package.mjs';
import { findNode, run } from './process.mjs';

const FRAMEWORKS = ['express', 'express4', 'hono'];
/** What each `bin` must do: `validate` exits 0 on a valid event and 1 on an invalid one. */
const CLI_CASES = [
  { fixture: 'valid/call-end-web-voice.json', code: 0 },
  { fixture: 'invalid/call-start-missing-start-time.json', code: 1 },
];

const [tarball] = process.argv.slice(2);
if (tarball === undefined) throw new Error('usage: node scripts/lib/dist-smoke.mjs <tarball>');

/**
 * Runs the consumer-side smoke and returns its failures.
 *
 * @param {string} node
 * @param {string} consumer
 * @returns {Promise<string[]>}
 */
async function smoke(node, consumer) {
  const result = await run(node, ['smoke.mjs'], { cwd: consumer });
  if (result.code !== 0) return [`smoke.mjs exited ${result.code}: ${result.stderr.trim()}`];
  const { checks, failures } = JSON.parse(result.stdout);
  console.log(`smoke.mjs: ${checks - failures.length}/${checks} checks passed in ${result.ms} ms`);
  return failures;
}

/**
 * Runs every bin of the manifest through `validate`, from the consumer's `node_modules/.bin`.
 *
 * @param {string} node
 * @param {string} consumer
 * @returns {Promise<string[]>}
 */
async function bins(node, consumer) {
  const failures = [];
  for (const name of Object.keys(readManifest().bin ?? {})) {
    for (const { fixture, code } of CLI_CASES) {
      const bin = join(consumer, 'node_modules', '.bin', name);
      const result = await run(node, [bin, 'validate', join(repoRoot, 'fixtures', fixture)], {
        cwd: consumer,
      });
      const what = `${name} validate ${fixture}`;
      if (result.code === code) console.log(`${what}: exit ${code} as expected`);
      else failures.push(`${what}: exit ${result.code}, expected ${code}\n${result.stderr.trim()}`);
    }
  }
  return failures;
}

const failures = await withTempDir('vfw-smoke', async (dir) => {
  const consumer = createConsumer(join(dir, 'consumer'), {
    tarball,
    type: 'module',
    links: FRAMEWORKS,
  });
  writeConsumerFiles(consumer);
  const node = findNode(20);
  return [...(await smoke(node, consumer)), ...(await bins(node, consumer))];
});
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(
  failures.length === 0 ? 'dist smoke passed' : `dist smoke: ${failures.length} failures`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
