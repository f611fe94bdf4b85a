/**
 * Running the runtimes and compilers the checks drive: child processes with a time limit, a
 * bounded number at a time, and the Node binaries by major version.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { toolchainModules } from './package.mjs';

/** No single runtime or compiler run may take longer than this. */
const RUN_TIMEOUT_MS = 120_000;

/**
 * @typedef {object} RunResult
 * @property {number | null} code exit code; `null` when killed
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms wall time
 */

/**
 * Runs a command to completion, capturing its output; kills it after two minutes.
 *
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string; env?: Record<string, string> }} options
 * @returns {Promise<RunResult>}
 */
export function run(command, args, { cwd, env = {} }) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RUN_TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/**
 * Maps over `items` with at most `limit` calls in flight, keeping the order of the results.
 *
 * @template T, R
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} body
 * @returns {Promise<R[]>}
 */
export async function mapLimit(items, limit, body) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await body(/** @type {T} */ (items[index]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * What `binary --version` prints, or `undefined` when it does not run (missing, or a
 * placeholder left by an install script that did not run).
 *
 * @param {string} binary
 * @returns {string | undefined}
 */
function versionOf(binary) {
  try {
    return execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/**
 * The Node binary of a major version: the `nodeNN` package of the toolchains project for 22 and
 * 24, otherwise the Node that runs npm or this script.
 *
 * @param {number} major
 * @returns {string}
 */
export function findNode(major) {
  const candidates = [
    join(toolchainModules, `node${major}`, 'bin', 'node'),
    process.env.npm_node_execpath,
    process.execPath,
  ];
  const found = candidates.find(
    (binary) => binary !== undefined && versionOf(binary)?.startsWith(`v${major}.`),
  );
  if (found === undefined) throw new Error(`no Node ${major} binary found`);
  return found;
}

/**
 * The first of `candidates` (paths under `node_modules`) that runs. `npm ci` skips install
 * scripts nobody approved, which leaves Bun's and Deno's binaries in their platform packages;
 * where the scripts did run, they moved them into the main package.
 *
 * @param {string} name
 * @param {readonly string[]} candidates
 * @returns {string}
 */
export function findBinary(name, candidates) {
  const found = candidates
    .map((candidate) => join(toolchainModules, candidate))
    .find((binary) => versionOf(binary) !== undefined);
  if (found === undefined) {
    throw new Error(
      `no runnable ${name} binary; looked at ${toolchainModules}/{${candidates.join(',')}} (npm run toolchains installs them)`,
    );
  }
  return found;
}
