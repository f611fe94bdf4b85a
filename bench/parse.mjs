/** Targets 1 to 3: parsing text and objects, and the guards, against their baselines. */
import * as v from 'valibot';
import * as ours from '../dist/runtime-node/index.js';
import * as handwritten from './handwritten.mjs';
import { textRows } from './parse-text.mjs';
import { acceptedFixtures, readFixtures } from './support/fixtures.mjs';
import { loadSchemas } from './support/schemas.mjs';
import { compareTimes, overEach, timeRow } from './support/timing.mjs';
import { ZodEventSchema } from './zod-schemas.mjs';

const accepted = acceptedFixtures();

/** Every fixture that is JSON, rejected ones included, to check that baselines judge alike. */
const everyValue = [...accepted, ...readFixtures('invalid').flatMap(parseable)].map(
  ({ value }) => value,
);

function parseable({ raw }) {
  try {
    return [{ value: JSON.parse(raw) }];
  } catch {
    return [];
  }
}

/** A baseline only means something if it accepts and rejects what ours does. */
function assertSameVerdicts(name, baseline, reference) {
  for (const value of everyValue) {
    if (baseline(value) !== reference(value)) {
      throw new Error(`${name} disagrees with voiceflow-webhooks on ${JSON.stringify(value)}`);
    }
  }
}

/** Target 2: `parseEvent(object)` against zod 4 and valibot on the same rules, all fixtures. */
async function objectRows() {
  const { EventSchema } = await loadSchemas();
  const mine = (value) => ours.safeParseEvent(value).success;
  const zod = (value) => ZodEventSchema.safeParse(value).success;
  const valibot = (value) => v.safeParse(EventSchema, value).success;
  assertSameVerdicts('the zod schema', zod, mine);
  assertSameVerdicts('the valibot schema', valibot, mine);
  const parse = (value) => ours.parseEvent(value) !== undefined;
  const values = accepted.map(({ value }) => value);
  const [zodNs, valibotNs, oursNs] = await compareTimes([
    overEach(values, zod),
    overEach(values, valibot),
    overEach(values, parse),
  ]);
  const label = `all ${accepted.length} accepted fixtures`;
  return [
    timeRow(`2 parseEvent(object) / zod 4 safeParse <= 0.20: ${label}`, zodNs, oursNs, 0.2),
    timeRow(`2 parseEvent(object) / valibot safeParse <= 0.10: ${label}`, valibotNs, oursNs, 0.1),
  ];
}

/** Each guard beside the hand-written check of the same fields. */
const GUARDS = [
  ['isCallStart', ours.isCallStart, handwritten.isCallStart],
  ['isCallEnd', ours.isCallEnd, handwritten.isCallEnd],
  ['isCallEvent', ours.isCallEvent, handwritten.isCallEvent],
  ['isSessionStart', ours.isSessionStart, handwritten.isSessionStart],
  ['isSessionEnd', ours.isSessionEnd, handwritten.isSessionEnd],
  ['isSessionEvent', ours.isSessionEvent, handwritten.isSessionEvent],
  ['isOrganizationEvent', ours.isOrganizationEvent, handwritten.isOrganizationEvent],
  ['isKnownEvent', ours.isKnownEvent, handwritten.isKnownEvent],
  ['isUnknownEvent', ours.isUnknownEvent, handwritten.isUnknownEvent],
  ['isTwilioCall', ours.isTwilioCall, handwritten.isTwilioCall],
  ['isWebVoiceCall', ours.isWebVoiceCall, handwritten.isWebVoiceCall],
];

/**
 * Target 3: each guard within 3x of hand-written `typeof` checks, over the fixtures it accepts
 * (the full walk, its slowest case).
 */
async function guardRows() {
  const rows = [];
  for (const [name, guard, baseline] of GUARDS) {
    assertSameVerdicts(`the hand-written ${name}`, baseline, guard);
    const inputs = everyValue.filter((value) => guard(value));
    const [baselineNs, oursNs] = await compareTimes([
      overEach(inputs, baseline),
      overEach(inputs, guard),
    ]);
    const label = `3 ${name} / hand-written typeof <= 3.00: ${inputs.length} fixtures`;
    rows.push(timeRow(label, baselineNs, oursNs, 3));
  }
  return rows;
}

/** The rows of targets 1, 2 and 3. */
export async function parseRows() {
  return [...textRows(), ...(await objectRows()), ...(await guardRows())];
}
