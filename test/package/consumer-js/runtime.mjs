// The runtime matrix's ES module entry: loads the package by name, as an application would.
import * as core from 'voiceflow-webhooks';
import * as web from 'voiceflow-webhooks/web';
import cases from './cases.mjs';
import { probe } from './probe.mjs';

console.log(JSON.stringify(await probe({ core, web }, cases)));
