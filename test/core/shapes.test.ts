import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/core/event-types';
import { KNOWN_EVENT_SCHEMAS } from '../../src/core/schemas';
import {
  EVENT_SHAPES,
  type FieldKind,
  type FieldRule,
  type ObjectShape,
} from '../../src/core/shapes';

type AnySchema = v.GenericSchema & {
  type: string;
  entries?: Record<string, AnySchema>;
  options?: AnySchema[];
  key?: string;
  wrapped?: AnySchema;
  literal?: unknown;
};

/**
 * Whether the schema refuses an array as a whole, with one issue at its own path, as the fast
 * validator's `object` kind does; a plain `looseObject` or `variant` would look inside it.
 */
function refusesArrays(schema: AnySchema): boolean {
  const issues = v.safeParse(schema, []).issues ?? [];
  return issues.length === 1 && issues[0]?.path === undefined;
}

/** Derives the fast validator's description of an object schema from the valibot declaration. */
function shapeOf(schema: AnySchema): ObjectShape {
  if (!refusesArrays(schema)) throw new Error(`${schema.type} schema takes arrays`);
  if (schema.type === 'variant') {
    const key = schema.key as string;
    const cases: Record<string, ObjectShape> = {};
    let fallback: ObjectShape | undefined;
    for (const option of schema.options ?? []) {
      const discriminator = option.entries?.[key] as AnySchema;
      if (discriminator.type === 'literal')
        cases[discriminator.literal as string] = shapeOf(option);
      else fallback = shapeOf(option);
    }
    if (fallback === undefined) throw new Error(`variant on ${key} has no fallback`);
    return { fields: [], variant: { key, cases, fallback } };
  }
  if (schema.type !== 'loose_object') throw new Error(`unexpected object schema ${schema.type}`);
  return { fields: Object.entries(schema.entries ?? {}).map(([key, entry]) => ruleOf(key, entry)) };
}

const KINDS: Record<string, FieldKind> = {
  string: 'string',
  literal: 'string',
  number: 'number',
  loose_object: 'object',
  variant: 'object',
  unknown: 'any',
};

function ruleOf(key: string, entry: AnySchema): FieldRule {
  const optional = entry.type === 'nullish' || entry.type === 'optional';
  const inner = optional ? (entry.wrapped as AnySchema) : entry;
  const kind = KINDS[inner.type];
  if (kind === undefined) throw new Error(`no fast-path kind for ${key}: ${inner.type}`);
  if (kind === 'object') return { key, kind, optional, shape: shapeOf(inner) };
  return { key, kind, optional };
}

describe('the fast validator description', () => {
  it('lists exactly the event types the valibot schemas declare, in the same order', () => {
    expect(Object.keys(EVENT_SHAPES)).toEqual(Object.keys(KNOWN_EVENT_SCHEMAS));
    expect([...EVENT_TYPES]).toEqual(Object.keys(KNOWN_EVENT_SCHEMAS));
  });

  it.each(EVENT_TYPES)('matches the valibot schema of %s field by field', (type) => {
    expect(EVENT_SHAPES[type]).toEqual(shapeOf(KNOWN_EVENT_SCHEMAS[type] as unknown as AnySchema));
  });
});
