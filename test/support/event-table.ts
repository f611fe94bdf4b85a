import { EVENT_SHAPES, type FieldRule, type ObjectShape } from '../../src/core/shapes';

const code = (name: string): string => `\`${name}\``;

/** Field names of `shape`, split into required and optional-nullable, nested ones dotted. */
function fieldNames(shape: ObjectShape, prefix = ''): { required: string[]; optional: string[] } {
  const selected = shape.variant?.fallback ?? shape;
  const required: string[] = [];
  const optional: string[] = [];
  for (const field of selected.fields) {
    (field.optional ? optional : required).push(code(prefix + field.key));
    if (field.shape && !field.shape.variant) {
      const nested = fieldNames(field.shape, `${prefix}${field.key}.`);
      required.push(...nested.required);
      optional.push(...nested.optional);
    }
  }
  for (const [platform, platformShape] of Object.entries(shape.variant?.cases ?? {})) {
    for (const extra of nestedOnlyIn(platformShape, selected)) {
      required.push(`${code(`${prefix}${extra}`)} (${platform})`);
    }
  }
  return { required, optional };
}

/** Nested required fields that a variant case adds over the fallback, e.g. Twilio's metadata. */
function nestedOnlyIn(shape: ObjectShape, fallback: ObjectShape): string[] {
  return shape.fields.flatMap((field: FieldRule) => {
    const base = fallback.fields.find((f) => f.key === field.key);
    if (!field.shape || !base?.shape) return [];
    const known = new Set(base.shape.fields.map((f) => f.key));
    return field.shape.fields.filter((f) => !known.has(f.key)).map((f) => `${field.key}.${f.key}`);
  });
}

/** The README's event table, generated from the validator's declarations. */
export function eventTable(): string {
  const rows = Object.entries(EVENT_SHAPES).map(([type, shape]) => {
    const data = shape.fields.find((field) => field.key === 'data')?.shape as ObjectShape;
    const { required, optional } = fieldNames(data);
    return `| \`${type}\` | ${required.join(', ') || '(none)'} | ${optional.join(', ') || '(none)'} |`;
  });
  return [
    '| `type` | required in `data` | optional in `data` (may be absent or `null`) |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}
