/**
 * The dist smoke test, run by Node 20 in a project that installed the packed tarball. Every
 * subpath of the installed package's exports map is loaded with `import` and with `require`;
 * both must expose the same names, and each subpath is then exercised through both: the root
 * parses every fixture, each adapter answers every fixture and a signed and an unsigned request
 * inside its real framework, `/testing` signs what the root verifies, `schema.json` is a schema.
 * A subpath nobody taught this file to exercise is a failure, so new entries cannot slip by.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import express from 'express';
import express4 from 'express4';
import { Hono } from 'hono';
import cases from './cases.mjs';
import {
  answerOf,
  checkAdapter,
  checkParsing,
  createReport,
  fetchTransport,
  post,
} from './probe.mjs';

const PACKAGE = 'voiceflow-webhooks';
const PATH = '/webhooks/voiceflow';
const require = createRequire(import.meta.url);
const report = createReport();
const { expect } = report;

/**
 * Serves a node:http request listener on a loopback port the OS picks.
 *
 * @param {import('node:http').RequestListener} listener
 * @returns {Promise<import('./probe.mjs').Transport>}
 */
async function listen(listener) {
  const server = createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    send: async (body, headers) =>
      answerOf(await fetch(post(body, headers, `http://127.0.0.1:${port}${PATH}`))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * @param {typeof express} framework Express 5 or Express 4
 * @returns {import('./probe.mjs').Serve}
 */
function expressServe(framework) {
  return (handler) => listen(framework().post(PATH, handler));
}

/** @type {import('./probe.mjs').Serve} */
function honoServe(handler) {
  const app = new Hono().post(PATH, handler);
  return fetchTransport((/** @type {Request} */ request) => app.request(request));
}

/**
 * How each adapter's handler is served, once per framework (version) it supports; the label
 * suffix names the framework.
 *
 * @type {Record<string, Record<string, import('./probe.mjs').Serve>>}
 */
const SERVERS = {
  './web': { '': fetchTransport },
  './next': { '': fetchTransport },
  './hono': { '': honoServe },
  './express': { ' on Express 5': expressServe(express), ' on Express 4': expressServe(express4) },
  './node': { '': listen },
};

/** @typedef {(modules: Record<string, any>, label: string) => Promise<void> | void} Exercise */

/** @type {Record<string, Exercise>} */
const ADAPTER_EXERCISES = Object.fromEntries(
  Object.entries(SERVERS).map(([subpath, servers]) => [
    subpath,
    /** @type {Exercise} */
    async (modules, label) => {
      for (const [framework, serve] of Object.entries(servers)) {
        const { voiceflowWebhook } = modules[subpath];
        await checkAdapter(`${label}${framework}`, voiceflowWebhook, serve, cases, expect);
      }
    },
  ]),
);

/**
 * How to exercise each subpath, given every subpath loaded the same way.
 *
 * @type {Record<string, Exercise>}
 */
const EXERCISES = {
  '.': (modules) => checkParsing(modules['.'], cases, expect),
  ...ADAPTER_EXERCISES,
  './testing': async (modules, label) => {
    const root = modules['.'];
    const testing = modules['./testing'];
    for (const type of root.EVENT_TYPES) {
      const event = testing.createEvent(type, undefined, { seed: 1 });
      expect(root.isKnownEvent(event), true, `${label}: createEvent('${type}') is a valid event`);
    }
    for (const kind of ['valid', 'unknown', 'invalid']) {
      const files = cases.fixtures.filter((/** @type {any} */ f) => f.name.startsWith(`${kind}/`));
      expect(
        Object.keys(testing.fixtures[kind]).length,
        files.length,
        `${label}: fixtures.${kind}`,
      );
    }
    const { body } = cases.signed;
    const headers = await testing.signPayload({ payload: body, secret: cases.secret });
    const verified = await root
      .verifySignature({ payload: body, headers, secret: cases.secret })
      .then(() => 'verified', String);
    expect(verified, 'verified', `${label}: signPayload headers through verifySignature`);
  },
  './schema.json': (modules, label) => {
    const schema = modules['./schema.json'];
    expect(typeof schema.$schema, 'string', `${label}: declares its JSON Schema dialect`);
    expect(Array.isArray(schema.oneOf) && schema.oneOf.length > 0, true, `${label}: has oneOf`);
  },
  './package.json': (modules, label) => {
    expect(modules['./package.json'].name, PACKAGE, `${label}: name`);
  },
};

/**
 * The specifier a consumer writes for a subpath.
 *
 * @param {string} subpath
 * @returns {string}
 */
function specifier(subpath) {
  return subpath === '.' ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`;
}

/**
 * Loads a subpath as an ES module: JSON through an import attribute, as Node requires.
 *
 * @param {string} subpath
 * @returns {Promise<unknown>}
 */
async function importSubpath(subpath) {
  if (!subpath.endsWith('.json')) return import(specifier(subpath));
  return (await import(specifier(subpath), { with: { type: 'json' } })).default;
}

/**
 * Export names as both module systems see them, for comparison.
 *
 * @param {unknown} loaded
 * @returns {string}
 */
function shape(loaded) {
  return JSON.stringify(
    Object.keys(/** @type {object} */ (loaded))
      .filter((key) => key !== '__esModule' && key !== 'module.exports')
      .sort(),
  );
}

/**
 * A name a subpath exports that the root exports too must be the root's very object, or
 * `instanceof` and identity checks break between entries (e.g. `WebhookRequestError`).
 *
 * @param {Record<string, any>} modules every subpath, loaded one way
 * @param {string} system `import` or `require`
 */
function checkSharedExports(modules, system) {
  const root = modules['.'];
  for (const [subpath, loadedModule] of Object.entries(modules)) {
    if (subpath === '.' || subpath.endsWith('.json')) continue;
    for (const name of Object.keys(loadedModule).filter((key) => Object.hasOwn(root, key))) {
      expect(
        loadedModule[name] === root[name],
        true,
        `${subpath} (${system}): ${name} is the root's`,
      );
    }
  }
}

const { exports: exportsMap } = require(`${PACKAGE}/package.json`);
const subpaths = Object.keys(exportsMap);
/** @type {Record<'import' | 'require', Record<string, unknown>>} */
const loaded = { import: {}, require: {} };
for (const subpath of subpaths) {
  loaded.import[subpath] = await importSubpath(subpath);
  loaded.require[subpath] = require(specifier(subpath));
  expect(
    shape(loaded.import[subpath]),
    shape(loaded.require[subpath]),
    `${subpath}: import and require expose the same names`,
  );
}
for (const [system, modules] of Object.entries(loaded)) checkSharedExports(modules, system);
for (const subpath of subpaths) {
  const exercise = EXERCISES[subpath];
  expect(exercise !== undefined, true, `${subpath}: has a smoke exercise`);
  for (const [system, modules] of Object.entries(loaded)) {
    await exercise?.(modules, `${subpath} (${system})`);
  }
}
console.log(JSON.stringify(report.result()));
