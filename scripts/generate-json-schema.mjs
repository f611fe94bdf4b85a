/**
 * Writes the JSON Schema of every Voiceflow event, converted from the valibot schemas in
 * src/core/schemas.ts (the single declaration of the events), to dist/schema.json or to the
 * path given as the first argument.
 *
 * The TypeScript schemas are compiled with tsup's API into a temporary folder first, because
 * Node 20 cannot import TypeScript, and that keeps this script free of any other tool.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toJsonSchema } from '@valibot/to-json-schema';
import { build } from 'tsup';

const root = resolve(import.meta.dirname, '..');
const output = resolve(process.argv[2] ?? join(root, 'dist', 'schema.json'));

/** Names under `$defs` for the schemas users may want to reference one by one. */
const DEFINITIONS = {
  'runtime.call.start': 'CallStartEvent',
  'runtime.call.end': 'CallEndEvent',
  'runtime.session.start': 'SessionStartEvent',
  'runtime.session.end': 'SessionEndEvent',
  'organization.project.created': 'OrganizationProjectCreatedEvent',
  'organization.project.deleted': 'OrganizationProjectDeletedEvent',
  'organization.project.published': 'OrganizationProjectPublishedEvent',
  'organization.project.environment.created': 'OrganizationEnvironmentCreatedEvent',
  'organization.project.environment.published': 'OrganizationEnvironmentPublishedEvent',
  'organization.project.environment.merged': 'OrganizationEnvironmentMergedEvent',
  'organization.project.environment.deleted': 'OrganizationEnvironmentDeletedEvent',
};

async function importSchemas() {
  const outDir = await mkdtemp(join(tmpdir(), 'voiceflow-webhooks-schema-'));
  try {
    await build({
      config: false,
      entry: { schemas: join(root, 'src/core/schemas.ts') },
      format: ['esm'],
      platform: 'node',
      outDir,
      noExternal: ['valibot'],
      silent: true,
    });
    return await import(pathToFileURL(join(outDir, 'schemas.js')).href);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * `knownValues` marks an open enum (see `openEnum` in schemas.ts): any string is valid and
 * these are the documented ones. JSON Schema has no keyword for that, so the values become
 * `examples` (which editors offer as completions) and a description says the list is open.
 */
function describeOpenEnum({ valibotAction, jsonSchema }) {
  const knownValues = valibotAction.metadata?.knownValues;
  if (valibotAction.type !== 'metadata' || !Array.isArray(knownValues)) return undefined;
  const { knownValues: _, ...rest } = jsonSchema;
  if (knownValues.length === 0) return rest;
  const listed = knownValues.map((value) => JSON.stringify(value)).join(', ');
  const description =
    rest.not === undefined
      ? `Known values: ${listed}; any other string is valid too, as Voiceflow adds values without notice.`
      : `Any string but ${rest.not.enum.map((value) => JSON.stringify(value)).join(' and ')}, whose options come before this one; known: ${listed}.`;
  return {
    ...rest,
    description,
    examples: knownValues,
  };
}

const UNKNOWN_EVENT_DESCRIPTION =
  'An event of a type this schema does not know: any object whose `type` is a string other than the known types. Accepted as it is, so that a new Voiceflow event never fails validation.';

/** Gives each choice of the top-level `oneOf` a title: the event type, or "Unknown event". */
function titleChoices(schema) {
  const refs = new Map(
    Object.entries(DEFINITIONS).map(([type, name]) => [`#/$defs/${name}`, type]),
  );
  return {
    ...schema,
    oneOf: schema.oneOf.map((choice) =>
      refs.has(choice.$ref)
        ? { title: refs.get(choice.$ref), ...choice }
        : { title: 'Unknown event', description: UNKNOWN_EVENT_DESCRIPTION, ...choice },
    ),
  };
}

/** Drops `required: []`, which states nothing. */
function withoutEmptyRequired(value) {
  if (Array.isArray(value)) return value.map(withoutEmptyRequired);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, child]) => !(key === 'required' && Array.isArray(child) && child.length === 0))
      .map(([key, child]) => [key, withoutEmptyRequired(child)]),
  );
}

const { EventSchema, KNOWN_EVENT_SCHEMAS } = await importSchemas();
const definitions = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([type, name]) => [name, KNOWN_EVENT_SCHEMAS[type]]),
);
const converted = toJsonSchema(EventSchema, {
  errorMode: 'throw',
  definitions,
  overrideAction: describeOpenEnum,
});
const { $schema, ...body } = withoutEmptyRequired(titleChoices(converted));
const schema = {
  $schema,
  title: 'Voiceflow webhook event',
  description:
    'A webhook body sent by Voiceflow: one of the documented events, or an event of another type (passed through). Objects allow fields beyond the documented ones. Generated from the valibot schemas of the voiceflow-webhooks package.',
  ...body,
};
await writeFile(output, `${JSON.stringify(schema, null, 2)}\n`);
