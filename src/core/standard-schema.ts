/**
 * Standard Schema v1 objects, so that tools which accept any Standard Schema (form libraries,
 * tRPC, Hono's validator, ...) can validate Voiceflow events with this package's rules. The
 * interfaces restate the published v1 contract, which is designed to be copied rather than
 * depended on.
 */
import { EVENT_TYPES } from './event-types';
import type { EventOf, EventType, VoiceflowEvent } from './types';
import { eventIssues, type Issues, knownEventIssues } from './validate';

/** One issue in Standard Schema form: the message and the path as keys. */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: readonly PropertyKey[] | undefined;
}

/** The outcome of a Standard Schema `validate` call. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaIssue[] };

/** The Standard Schema v1 interface. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

function standardSchema<Output>(
  findIssues: (value: unknown) => Issues | undefined,
): StandardSchemaV1<unknown, Output> {
  return {
    '~standard': {
      version: 1,
      vendor: 'voiceflow-webhooks',
      validate(value) {
        const issues = findIssues(value);
        if (issues === undefined) return { value: value as Output };
        return {
          issues: issues.map(({ message, path }) => ({
            message,
            path: path === '' ? [] : path.split('.'),
          })),
        };
      },
    },
  };
}

/**
 * A Standard Schema for any event: known types are validated, other types pass untouched,
 * exactly as `parseEvent` does for an already-parsed object.
 *
 * @example
 * ```ts
 * const result = await eventSchema['~standard'].validate(JSON.parse(body));
 * if (result.issues) console.error(result.issues);
 * ```
 */
export const eventSchema: StandardSchemaV1<unknown, VoiceflowEvent> =
  /* @__PURE__ */ standardSchema(eventIssues);

/** One Standard Schema per known event type, accepting only events of that type. */
export const eventSchemas: { readonly [T in EventType]: StandardSchemaV1<unknown, EventOf<T>> } =
  /* @__PURE__ */ schemasByType();

function schemasByType(): { [T in EventType]: StandardSchemaV1<unknown, EventOf<T>> } {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [type, standardSchema((value) => knownEventIssues(value, type))]),
  ) as { [T in EventType]: StandardSchemaV1<unknown, EventOf<T>> };
}
