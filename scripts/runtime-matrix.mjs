/**
 * Runtime matrix: the packed package, installed into a consumer project, on Node 20, 22 and 24,
 * Bun, Deno and Cloudflare's workerd (through miniflare). In each runtime the probe in
 * `test/package/consumer-js/probe.mjs` parses every fixture and sends signed and unsigned
 * requests through `voiceflow-webhooks/web`; Node, Bun and Deno run it from an ES module and
 * from CommonJS. Exits 1 when any check fails in any runtime.
 *
 * Usage: `npm run build && npm run check:runtimes`
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { writeConsumerFiles } from './lib/cases.mjs';
import {
  createConsumer,
  packPackage,
  readManifest,
  resolveExport,
  WORKERD_CONDITIONS,
  withTempDir,
} from './lib/package.mjs';
import { findBinary, findNode, mapLimit, run } from './lib/process.mjs';

/** The compatibility date workers get; no flags, so `nodejs_compat` is not there to lean on. */
const COMPATIBILITY_DATE = '2025-09-01';

/**
 * @typedef {object} Cell
 * @property {string} runtime e.g. `'Node 22.23.5'`
 * @property {'ESM' | 'CJS'} format
 * @property {() => Promise<string>} probe runs the probe; resolves with its JSON report
 */

/**
 * @typedef {object} ProcessRuntime
 * @property {string} name
 * @property {string} command
 * @property {string[]} args before the entry file
 * @property {Record<string, string>} [env]
 */

/**
 * The runtimes that run as a process, each given the probe entry as its last argument.
 *
 * @param {string} dir scratch space for runtime caches
 * @returns {ProcessRuntime[]}
 */
function processRuntimes(dir) {
  return [
    ...[20, 22, 24].map((major) => ({ name: 'Node', command: findNode(major), args: [] })),
    {
      name: 'Bun',
      command: findBinary('Bun', ['@oven/bun-linux-x64/bin/bun', 'bun/bin/bun.exe']),
      args: ['--no-install'],
    },
    {
      name: 'Deno',
      command: findBinary('Deno', ['@deno/linux-x64-glibc/deno', 'deno/deno']),
      args: ['run', '--no-prompt', '--allow-read'],
      env: { DENO_DIR: join(dir, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1' },
    },
  ];
}

/**
 * The runtime's name and version, e.g. `'Deno 2.9.6'`.
 *
 * @param {ProcessRuntime} runtime
 * @param {string} cwd
 * @returns {Promise<string>}
 */
async function describe(runtime, cwd) {
  const { stdout } = await run(runtime.command, ['--version'], { cwd, env: runtime.env ?? {} });
  const version = stdout.match(/\d+\.\d+\.\d+/)?.[0] ?? 'unknown version';
  return `${runtime.name} ${version}`;
}

/**
 * A probe run in a process: its stdout is the report; anything else is the failure.
 *
 * @param {ProcessRuntime} runtime
 * @param {string} entry
 * @param {string} cwd
 * @returns {() => Promise<string>}
 */
function processProbe(runtime, entry, cwd) {
  return async () => {
    const result = await run(runtime.command, [...runtime.args, entry], {
      cwd,
      env: runtime.env ?? {},
    });
    if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr.trim()}`);
    return result.stdout;
  };
}

/**
 * The worker module: imports the package files that workerd's conditions select, by relative
 * path, because workerd itself resolves no bare specifiers (wrangler bundles with the same
 * conditions).
 *
 * @param {string} consumer
 * @returns {string} the entry file's path
 */
function writeWorker(consumer) {
  const manifest = readManifest();
  const imports = ['.', './web'].map((subpath) => {
    const file = resolveExport(manifest, subpath, WORKERD_CONDITIONS);
    if (file === undefined) throw new Error(`exports["${subpath}"] has no workerd target`);
    return `./node_modules/${manifest.name}/${file}`;
  });
  const entry = join(consumer, 'worker.mjs');
  writeFileSync(
    entry,
    [
      `import * as core from '${imports[0]}';`,
      `import * as web from '${imports[1]}';`,
      `import cases from './cases.mjs';`,
      `import { probe } from './probe.mjs';`,
      '',
      'export default {',
      '  async fetch() {',
      '    return Response.json(await probe({ core, web }, cases));',
      '  },',
      '};',
      '',
    ].join('\n'),
  );
  return entry;
}

/**
 * The workerd cell: one miniflare instance serving the probe.
 *
 * @param {string} consumer
 * @returns {Cell}
 */
function workerdCell(consumer) {
  const scriptPath = writeWorker(consumer);
  return {
    runtime: 'workerd (miniflare)',
    format: 'ESM',
    probe: async () => {
      const miniflare = new Miniflare({
        modules: true,
        scriptPath,
        modulesRoot: consumer,
        // The package is `"type": "module"`; miniflare would otherwise load `.js` as CommonJS.
        modulesRules: [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }],
        compatibilityDate: COMPATIBILITY_DATE,
      });
      try {
        const response = await miniflare.dispatchFetch('http://127.0.0.1/');
        const text = await response.text();
        if (!response.ok) throw new Error(`the worker answered ${response.status}: ${text}`);
        return text;
      } finally {
        await miniflare.dispose();
      }
    },
  };
}

/**
 * Every cell of the matrix, in the order they are reported.
 *
 * @param {string} dir
 * @param {string} consumer
 * @returns {Promise<Cell[]>}
 */
async function cells(dir, consumer) {
  const runtimes = processRuntimes(dir);
  const names = await Promise.all(runtimes.map((runtime) => describe(runtime, consumer)));
  /** @type {Cell[]} */
  const list = runtimes.flatMap((runtime, index) =>
    /** @type {const} */ ([
      ['ESM', 'runtime.mjs'],
      ['CJS', 'runtime.cjs'],
    ]).map(([format, entry]) => ({
      runtime: /** @type {string} */ (names[index]),
      format,
      probe: processProbe(runtime, entry, consumer),
    })),
  );
  return [...list, workerdCell(consumer)];
}

/**
 * Runs one cell and turns whatever happened into a row.
 *
 * @param {Cell} cell
 * @returns {Promise<{ runtime: string; format: string; checks: number; failures: string[]; ms: number }>}
 */
async function runCell(cell) {
  const started = performance.now();
  /** @type {string[]} */
  const failures = [];
  const row = { runtime: cell.runtime, format: cell.format, checks: 0, failures, ms: 0 };
  try {
    const report = JSON.parse(await cell.probe());
    Object.assign(row, { checks: report.checks, failures: report.failures });
  } catch (error) {
    row.failures = [`the probe did not report: ${error instanceof Error ? error.message : error}`];
  }
  row.ms = Math.round(performance.now() - started);
  return row;
}

const exitCode = await withTempDir('vfw-runtimes', async (dir) => {
  const started = performance.now();
  const tarball = packPackage(dir);
  const consumer = createConsumer(join(dir, 'consumer'), { tarball, type: 'module' });
  writeConsumerFiles(consumer);

  const rows = await mapLimit(await cells(dir, consumer), availableParallelism(), runCell);
  for (const row of rows) {
    const verdict = row.failures.length === 0 ? 'pass' : 'FAIL';
    console.log(
      `${verdict}  ${row.runtime.padEnd(22)} ${row.format}  ${String(row.checks).padStart(3)} checks  ${row.ms} ms`,
    );
    for (const failure of row.failures) console.log(`        ${failure}`);
  }
  const failed = rows.filter((row) => row.failures.length > 0).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n${rows.length - failed}/${rows.length} runtime cells passed in ${seconds} s`);
  return failed === 0 ? 0 : 1;
});
process.exitCode = exitCode;
