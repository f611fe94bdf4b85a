// The runtime matrix's CommonJS entry: `require` must resolve the package's CJS build.
const core = require('voiceflow-webhooks');
const web = require('voiceflow-webhooks/web');

Promise.all([import('./cases.mjs'), import('./probe.mjs')]).then(async ([cases, { probe }]) => {
  console.log(JSON.stringify(await probe({ core, web }, cases.default)));
});
