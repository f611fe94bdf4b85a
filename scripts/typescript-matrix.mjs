/**
 * TypeScript matrix: the consumer in `test/package/consumer-ts/src`, which uses every export of
 * every subpath, type-checks against the packed package (`skipLibCheck: false`, so the
 * package's declarations are checked too) under TypeScript 5.9, 6.0 and 7.0; with
 * `moduleResolution` node16, nodenext, bundler and node10 (where the compiler still has it);
 * with and without `exactOptionalPropertyTypes`; as an ES module and as CommonJS project; and
 * as a Node-only project without the DOM lib. First it checks that the consumer really imports every export, so a new export cannot go
 * untested. Exits 1 on any failure.
 *
 * Usage: `npm run build && npm run check:typescript`
 */
import { cpSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { missingImports } from './lib/api-coverage.mjs';
import {
  codeSpecifiers,
  createConsumer,
  packPackage,
  readManifest,
  repoRoot,
  withTempDir,
} from './lib/package.mjs';
import { mapLimit, run } from './lib/process.mjs';

const CONSUMER_SOURCE = join(repoRoot, 'test', 'package', 'consumer-ts', 'src');

/** Type packages and frameworks whose types the adapters' declarations refer to. */
const TYPE_LINKS = ['@types/node', '@types/express', 'express', 'hono'];

/**
 * @typedef {object} Compiler
 * @property {string} label e.g. `'5.9'`: the README's name for it
 * @property {string} bin its `tsc` entry, run with the current Node
 * @property {Record<string, unknown>} [node10] what it needs to still accept node10 resolution;
 *   absent when it no longer has node10 at all
 */

/** @type {Compiler[]} */
const COMPILERS = [
  { label: '5.9', bin: 'node_modules/typescript/bin/tsc', node10: {} },
  // 6.0 deprecates node10 resolution; the option keeps it working until 7.0 removes it.
  {
    label: '6.0',
    bin: 'test/package/toolchains/node_modules/typescript6/bin/tsc',
    node10: { ignoreDeprecations: '6.0' },
  },
  { label: '7.0', bin: 'test/package/toolchains/node_modules/typescript7/bin/tsc' },
];

/**
 * @typedef {object} Setup
 * @property {string} name
 * @property {'module' | 'commonjs'} type the consumer's package.json `type`
 * @property {Record<string, unknown>} options
 */

/** @type {Setup[]} */
const SETUPS = [
  ...['node16', 'nodenext'].flatMap((resolution) => [
    {
      name: `${resolution} ESM`,
      type: /** @type {const} */ ('module'),
      options: { module: resolution, moduleResolution: resolution, verbatimModuleSyntax: true },
    },
    {
      name: `${resolution} CJS`,
      type: /** @type {const} */ ('commonjs'),
      options: { module: resolution, moduleResolution: resolution },
    },
  ]),
  {
    name: 'bundler ESM',
    type: 'module',
    options: { module: 'esnext', moduleResolution: 'bundler', verbatimModuleSyntax: true },
  },
  {
    // A Node-only project: Request, Response and Headers come from @types/node alone.
    name: 'nodenext ESM, no DOM lib',
    type: 'module',
    options: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      verbatimModuleSyntax: true,
      lib: ['ES2022'],
    },
  },
  {
    name: 'node10 CJS',
    type: 'commonjs',
    options: { module: 'commonjs', moduleResolution: 'node10' },
  },
];

/**
 * What every cell shares: the strictest settings a consumer is likely to have. Declarations are
 * checked (`skipLibCheck: false`) except TypeScript's own `lib.*.d.ts`, which are not under test
 * and cost a third of each run.
 */
const BASE_OPTIONS = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  skipDefaultLibCheck: true,
  noUnusedLocals: true,
  esModuleInterop: true,
  forceConsistentCasingInFileNames: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: ['node'],
};

/**
 * @typedef {object} Cell
 * @property {Compiler} compiler
 * @property {Setup} setup
 * @property {boolean} exact `exactOptionalPropertyTypes`
 */

/**
 * Every valid combination: node10 only with the compilers that still have it.
 *
 * @returns {Cell[]}
 */
function cells() {
  return COMPILERS.flatMap((compiler) =>
    SETUPS.filter(
      (setup) => setup.options.moduleResolution !== 'node10' || compiler.node10,
    ).flatMap((setup) => [true, false].map((exact) => ({ compiler, setup, exact }))),
  );
}

/**
 * Writes the cell's tsconfig into the project of its module type and returns its path.
 *
 * @param {Cell} cell
 * @param {Record<'module' | 'commonjs', string>} projects
 * @returns {string}
 */
function writeTsconfig({ compiler, setup, exact }, projects) {
  const legacy = setup.options.moduleResolution === 'node10' ? compiler.node10 : {};
  const compilerOptions = {
    ...BASE_OPTIONS,
    ...setup.options,
    ...legacy,
    exactOptionalPropertyTypes: exact,
  };
  const id = `${compiler.label}-${setup.name}-${exact}`.replace(/\W+/g, '-');
  const file = join(projects[setup.type], `tsconfig.${id}.json`);
  writeFileSync(file, `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  return file;
}

/**
 * The compiler's own version string, e.g. `'7.0.2'`, which must match its label.
 *
 * @param {Compiler} compiler
 * @returns {Promise<string>}
 */
async function compilerVersion(compiler) {
  const { stdout } = await run(process.execPath, [join(repoRoot, compiler.bin), '--version'], {
    cwd: repoRoot,
  });
  const version = stdout.match(/\d+\.\d+\.\d+\S*/)?.[0] ?? '';
  if (!version.startsWith(`${compiler.label}.`)) {
    throw new Error(`${compiler.bin} is TypeScript ${version || '?'}, expected ${compiler.label}`);
  }
  return version;
}

/**
 * Creates the ES module and the CommonJS consumer project, each with the tarball installed,
 * the type packages linked and a copy of the consumer source.
 *
 * @param {string} dir
 * @param {string} tarball
 * @returns {Record<'module' | 'commonjs', string>}
 */
function createProjects(dir, tarball) {
  const projects = { module: join(dir, 'esm'), commonjs: join(dir, 'cjs') };
  for (const type of /** @type {const} */ (['module', 'commonjs'])) {
    createConsumer(projects[type], { tarball, type, links: TYPE_LINKS });
    cpSync(CONSUMER_SOURCE, join(projects[type], 'src'), { recursive: true });
  }
  return projects;
}

/**
 * Type-checks the consumer in one cell.
 *
 * @param {Cell} cell
 * @param {Record<'module' | 'commonjs', string>} projects
 * @returns {Promise<{ cell: Cell; ok: boolean; output: string; ms: number }>}
 */
async function checkCell(cell, projects) {
  const tsconfig = writeTsconfig(cell, projects);
  const compiler = join(repoRoot, cell.compiler.bin);
  const result = await run(process.execPath, [compiler, '-p', tsconfig], {
    cwd: projects[cell.setup.type],
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  return { cell, ok: result.code === 0, output, ms: result.ms };
}

const exitCode = await withTempDir('vfw-typescript', async (dir) => {
  const started = performance.now();
  const projects = createProjects(dir, packPackage(dir));
  const versions = new Map(
    await Promise.all(COMPILERS.map(async (c) => [c, await compilerVersion(c)])),
  );

  const missing = missingImports(projects.module, codeSpecifiers(readManifest()));
  for (const gap of missing) console.log(`FAIL  consumer coverage: ${gap}`);
  if (missing.length === 0) console.log('pass  consumer imports every export of every subpath');

  const parallel = Math.max(1, availableParallelism());
  const rows = await mapLimit(cells(), parallel, (cell) => checkCell(cell, projects));
  for (const { cell, ok, output, ms } of rows) {
    const version = versions.get(cell.compiler) ?? '';
    const exact = cell.exact ? 'exactOptionalPropertyTypes' : 'default optional props';
    const name = cell.setup.name.padEnd(24);
    console.log(
      `${ok ? 'pass' : 'FAIL'}  TS ${version.padEnd(6)} ${name} ${exact.padEnd(27)} ${ms} ms`,
    );
    if (!ok) console.log(output.replace(/^/gm, '        '));
  }
  const failed = rows.filter((row) => !row.ok).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n${rows.length - failed}/${rows.length} TypeScript cells passed in ${seconds} s`);
  return failed === 0 && missing.length === 0 ? 0 : 1;
});
process.exitCode = exitCode;
