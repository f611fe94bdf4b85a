/**
 * The fast validator: walks only the declared fields of `./shapes`, allocates nothing on
 * success, and never looks at undeclared fields, so input size and nesting of extra data cost
 * nothing and cannot overflow the stack. Its verdicts and issue paths match valibot's on the
 * schemas in `./schemas` (proved by the differential test in `test/core`).
 */
import type { Issue } from './errors';
import { EVENT_SHAPES, type FieldRule, type ObjectShape } from './shapes';
import type { EventType } from './types';

/** A non-empty list of issues. */
export type Issues = [Issue, ...Issue[]];

/** How a value is named in messages: JSON type names, plus `array` and `NaN`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

const article = (kind: string): string => (kind === 'object' ? 'an object' : `a ${kind}`);

function fieldIssue(path: string, kind: string, value: unknown, present: boolean): Issue {
  return present
    ? { path, message: `Expected ${article(kind)} at ${path}, received ${describeValue(value)}` }
    : { path, message: `Missing required field ${path} (expected ${article(kind)})` };
}

function hasKind(value: unknown, kind: FieldRule['kind']): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value);
    case 'object':
      return typeof value === 'object' && value !== null;
    default:
      return true;
  }
}

function selectCase(
  record: Record<string, unknown>,
  shape: ObjectShape,
  prefix: string,
  issues: Issue[],
): ObjectShape | undefined {
  const variant = shape.variant;
  if (variant === undefined) return shape;
  const discriminator = record[variant.key];
  if (typeof discriminator !== 'string') {
    issues.push(fieldIssue(prefix + variant.key, 'string', discriminator, variant.key in record));
    return undefined;
  }
  return Object.hasOwn(variant.cases, discriminator)
    ? variant.cases[discriminator]
    : variant.fallback;
}

/** Appends to `issues` every way `record` departs from `shape`, in declaration order. */
function checkObject(
  record: Record<string, unknown>,
  shape: ObjectShape,
  prefix: string,
  issues: Issue[],
): void {
  const selected = selectCase(record, shape, prefix, issues);
  if (selected === undefined) return;
  for (const field of selected.fields) {
    const value = record[field.key];
    if (field.optional && (value === undefined || value === null)) continue;
    if (!hasKind(value, field.kind)) {
      const present = value !== undefined || field.key in record;
      issues.push(fieldIssue(prefix + field.key, field.kind, value, present));
    } else if (field.shape !== undefined) {
      checkObject(value as Record<string, unknown>, field.shape, `${prefix}${field.key}.`, issues);
    }
  }
}

/** The issues of `value` as an event of the known `type`, or `undefined` when it is one. */
export function knownEventIssues(value: unknown, type: EventType): Issues | undefined {
  if (typeof value !== 'object' || value === null) return [notAnEvent(value)];
  const record = value as Record<string, unknown>;
  if (record.type !== type) {
    const received =
      typeof record.type === 'string' ? `"${record.type}"` : describeValue(record.type);
    return [{ path: 'type', message: `Expected type "${type}", received ${received}` }];
  }
  const issues: Issue[] = [];
  checkObject(record, EVENT_SHAPES[type], '', issues);
  return issues.length === 0 ? undefined : (issues as Issues);
}

/**
 * The issues of `value` as any event, or `undefined` when it is one: an object whose `type` is
 * a string, valid against its schema when the type is known.
 */
export function eventIssues(value: unknown): Issues | undefined {
  if (typeof value !== 'object' || value === null) return [notAnEvent(value)];
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') {
    const found = Array.isArray(value) ? 'array' : `an object whose type is ${describeValue(type)}`;
    const present = type !== undefined || 'type' in value;
    return [
      {
        path: 'type',
        message:
          present || Array.isArray(value)
            ? `Expected an event object with a string "type", received ${found}`
            : 'Missing required field type (expected a string)',
      },
    ];
  }
  return Object.hasOwn(EVENT_SHAPES, type) ? knownEventIssues(value, type as EventType) : undefined;
}

function notAnEvent(value: unknown): Issue {
  return { path: '', message: `Expected an event object, received ${describeValue(value)}` };
}
