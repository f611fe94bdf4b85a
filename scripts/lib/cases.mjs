/**
 * The fixtures under `fixtures/`, with the outcome each one must get, written into a consumer
 * project as a plain module so that every runtime (workerd has no file system) reads the same
 * cases the same way; and the consumer-side scripts that read them.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { repoRoot } from './package.mjs';

/** The plain JavaScript files every runtime runs: the probe, its entries and the smoke test. */
const CONSUMER_FILES = join(repoRoot, 'test', 'package', 'consumer-js');

/** A fixed test secret: base64 of 32 ASCII bytes, in the `whsec_` form Voiceflow shows. */
const SECRET = `whsec_${btoa('voiceflow-webhooks-package-check!')}`;

/** Files whose body is not JSON at all; every other invalid fixture is JSON but not an event. */
const NOT_JSON = /^(empty-body|not-json-.*)\.json$/;

/**
 * @typedef {object} FixtureCase
 * @property {string} name e.g. `'valid/call-end-web-voice.json'`
 * @property {string} body the file's exact text
 * @property {'event' | 'invalid_json' | 'invalid_event'} outcome what parsing must give
 * @property {string} answer what an adapter must answer without a secret: the status and the
 *   body's `error` field, or `received` (`'200 received'`, `'400 invalid_json'`, ...)
 */

/**
 * Every fixture with its expected outcome: `valid/` and `unknown/` parse (200), `invalid/`
 * fails with `invalid_json` or `invalid_event` (400 with that error).
 *
 * @returns {FixtureCase[]}
 */
function fixtureCases() {
  return ['valid', 'unknown', 'invalid'].flatMap((kind) =>
    readdirSync(join(repoRoot, 'fixtures', kind))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const outcome =
          kind !== 'invalid' ? 'event' : NOT_JSON.test(file) ? 'invalid_json' : 'invalid_event';
        return {
          name: `${kind}/${file}`,
          body: readFileSync(join(repoRoot, 'fixtures', kind, file), 'utf8'),
          outcome,
          answer: outcome === 'event' ? '200 received' : `400 ${outcome}`,
        };
      }),
  );
}

/**
 * Writes `cases.mjs` into a consumer project: the fixtures, the secret, and one valid fixture
 * signed now by the `standardwebhooks` reference implementation (so the package's own signing
 * code is not what its verification is checked against).
 *
 * @param {string} dir
 */
function writeCases(dir) {
  const fixtures = fixtureCases();
  const body = fixtures.find((fixture) => fixture.name.startsWith('valid/'))?.body ?? '';
  const id = 'msg_package_check';
  const timestamp = new Date();
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(SECRET).sign(id, timestamp, body),
  };
  const cases = { fixtures, secret: SECRET, signed: { body, headers } };
  writeFileSync(join(dir, 'cases.mjs'), `export default ${JSON.stringify(cases, null, 2)};\n`);
}

/**
 * Puts the files of `test/package/consumer-js` and a fresh `cases.mjs` into a consumer project.
 *
 * @param {string} dir
 */
export function writeConsumerFiles(dir) {
  for (const file of readdirSync(CONSUMER_FILES)) {
    copyFileSync(join(CONSUMER_FILES, file), join(dir, file));
  }
  writeCases(dir);
}
