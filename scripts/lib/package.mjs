/**
 * The package as a consumer gets it: packed with `npm pack`, installed from the tarball into a
 * throwaway project under the OS temp dir. Every check in `scripts/` starts here, so they all
 * test the same files the registry would serve, not the working tree.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: scripts resolve everything from here, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the other runtimes and compilers are installed (`npm run toolchains`): a project of
 * their own, because their `node` and `tsc` bins would shadow the project's in npm scripts.
 */
export const toolchainModules = fileURLToPath(
  new URL('../../test/package/toolchains/node_modules', import.meta.url),
);

/** Where consumer projects get the frameworks and type packages the repository already has. */
const repoModules = join(repoRoot, 'node_modules');

/** The conditions Cloudflare's tooling resolves with (wrangler bundles with these). */
export const WORKERD_CONDITIONS = ['workerd', 'worker', 'browser', 'import', 'default'];

/**
 * The package's `package.json`.
 *
 * @returns {Record<string, any>}
 */
export function readManifest() {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
}

/**
 * The subpaths of the exports map, e.g. `['.', './web', ..., './schema.json']`.
 *
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
function exportSubpaths(manifest) {
  return Object.keys(manifest.exports ?? {});
}

/**
 * The subpaths that are code, as a consumer imports them: `voiceflow-webhooks`,
 * `voiceflow-webhooks/web`, ... (not `schema.json` nor `package.json`).
 *
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function codeSpecifiers(manifest) {
  return exportSubpaths(manifest)
    .filter((subpath) => !subpath.endsWith('.json'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}

/**
 * Every file the manifest points at, with where it points from: each leaf of the exports map,
 * `main`, `module`, `types`, `typesVersions` and `bin`.
 *
 * @param {Record<string, any>} manifest
 * @returns {{ from: string; file: string }[]}
 */
function mappedFiles(manifest) {
  /** @type {{ from: string; file: string }[]} */
  const files = [];
  const walk = (/** @type {unknown} */ node, /** @type {string} */ from) => {
    if (typeof node === 'string') files.push({ from, file: node });
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, `${from}${property(key)}`);
    }
  };
  walk(manifest.exports, 'exports');
  for (const field of ['main', 'module', 'types', 'typesVersions', 'bin']) {
    walk(manifest[field], field);
  }
  return files.map(({ from, file }) => ({ from, file: file.replace(/^\.\//, '') }));
}

/**
 * A property access as JavaScript writes it: `.import`, `["./web"]`.
 *
 * @param {string} key
 * @returns {string}
 */
function property(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * The file a subpath resolves to under the given conditions, following the exports map the way
 * Node and bundlers do: the first key, in map order, that is one of the conditions wins.
 *
 * @param {Record<string, any>} manifest
 * @param {string} subpath e.g. `'.'` or `'./web'`
 * @param {readonly string[]} conditions
 * @returns {string | undefined} the path relative to the package root, without `./`
 */
export function resolveExport(manifest, subpath, conditions) {
  let node = manifest.exports?.[subpath];
  while (node !== null && typeof node === 'object') {
    const key = Object.keys(node).find((condition) => conditions.includes(condition));
    if (key === undefined) return undefined;
    node = node[key];
  }
  return typeof node === 'string' ? node.replace(/^\.\//, '') : undefined;
}

/**
 * Runs `body` with a fresh directory under the OS temp dir and removes it afterwards, whatever
 * happens.
 *
 * @template T
 * @param {string} prefix
 * @param {(dir: string) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withTempDir(prefix, body) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Packs the repository with `npm pack` into `dir` and fails when a file the manifest points at
 * is not in the tarball, so a renamed or unbuilt entry point fails every check, not just one.
 *
 * @param {string} dir
 * @returns {string} the tarball's path
 */
export function packPackage(dir) {
  if (!existsSync(join(repoRoot, 'dist'))) {
    throw new Error('dist/ does not exist: run `npm run build` before the package checks');
  }
  const output = execFileSync(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [packed] = JSON.parse(output);
  const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
  const missing = mappedFiles(readManifest()).filter(({ file }) => !files.includes(file));
  if (missing.length > 0) {
    const list = missing.map(({ from, file }) => `  ${from} -> ${file}`).join('\n');
    throw new Error(`package.json points at files the tarball does not contain:\n${list}`);
  }
  return join(dir, packed.filename);
}

/**
 * Creates a consumer project in `dir` with the tarball installed by npm (offline: the package
 * has no dependencies) and the named repository packages linked in, so frameworks and type
 * packages come from disk instead of the network.
 *
 * @param {string} dir
 * @param {{ tarball: string; type: 'module' | 'commonjs'; links?: readonly string[] }} options
 * @returns {string} the project directory
 */
export function createConsumer(dir, { tarball, type, links = [] }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type }, null, 2)}\n`,
  );
  execFileSync(
    'npm',
    [
      'install',
      tarball,
      '--offline',
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const name of links) linkRepoPackage(dir, name);
  return dir;
}

/**
 * Links `node_modules/<name>` of the repository into the consumer project.
 *
 * @param {string} dir
 * @param {string} name
 */
function linkRepoPackage(dir, name) {
  const target = join(repoModules, name);
  if (!existsSync(target)) throw new Error(`${name} is not installed in the repository`);
  const link = join(dir, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}
