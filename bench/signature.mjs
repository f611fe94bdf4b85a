/**
 * Target 6: `verifySignature` against the `standardwebhooks` package on the same signed
 * payloads. Run under each runtime (`node bench/signature.mjs`, `bun bench/signature.mjs`); it
 * prints `{ runtime, baselineNs, oursNs }` as JSON. Node and Bun both resolve the package to the
 * `node` condition build imported here.
 */
import { Webhook } from 'standardwebhooks';
import { verifySignature } from '../dist/runtime-node/index.js';
import { acceptedFixtures } from './support/fixtures.mjs';
import { compareTimes } from './support/timing.mjs';

const SECRET = `whsec_${Buffer.from('voiceflow-webhooks bench secret!').toString('base64')}`;

/** Every accepted fixture, signed now by standardwebhooks, with Node-style lower-case headers. */
function signedFixtures(webhook) {
  const now = new Date();
  return acceptedFixtures().map(({ name, raw }, index) => {
    const id = `msg_bench_${index}`;
    const headers = {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': webhook.sign(id, now, raw),
    };
    return { name, raw, headers };
  });
}

/** Median nanoseconds to verify all fixtures, standardwebhooks first, then ours. */
export async function compareSignatures() {
  const webhook = new Webhook(SECRET);
  const signed = signedFixtures(webhook);
  const theirs = () => {
    // jsonParse off: verifying is the work under test, and ours does not parse either.
    for (const { raw, headers } of signed) webhook.verify(raw, headers, { jsonParse: false });
  };
  const ours = async () => {
    for (const { raw, headers } of signed) {
      await verifySignature({ payload: raw, headers, secret: SECRET });
    }
  };
  theirs();
  await ours();
  const [baselineNs, oursNs] = await compareTimes([theirs, ours]);
  return { fixtures: signed.length, baselineNs, oursNs };
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const runtime =
    typeof Bun === 'undefined' ? `Node ${process.versions.node}` : `Bun ${Bun.version}`;
  console.log(JSON.stringify({ runtime, ...(await compareSignatures()) }));
}
