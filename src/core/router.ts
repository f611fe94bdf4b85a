import { isEventType } from './event-types';
import type { EventOf, EventType, UnknownEvent, VoiceflowEvent } from './types';

/** A handler for events of type `E`; it may return a promise, which is awaited. */
export type EventHandler<E, C> = (event: E, context: C) => unknown;

/**
 * Handlers by event type: `on['runtime.call.end']` receives a `CallEndEvent`; `'*'` receives
 * every event, known or not.
 */
export type EventHandlers<C> = { [T in EventType]?: EventHandler<EventOf<T>, C> } & {
  '*'?: EventHandler<VoiceflowEvent, C>;
};

/** What {@link createEventRouter} takes; every adapter takes the same options. */
export interface EventRouterOptions<C = undefined> {
  /** Handlers by event type, plus `'*'` for all events. */
  on?: EventHandlers<C>;
  /** Called for events whose type this package does not know (they still get a 200). */
  onUnknownEvent?: EventHandler<UnknownEvent, C>;
}

/** Dispatches one event to its handlers and settles when all of them have. */
export type EventRouter<C = undefined> = (
  event: VoiceflowEvent,
  ...context: undefined extends C ? [context?: C] : [context: C]
) => Promise<void>;

function assertHandlers<C>(options: EventRouterOptions<C>): void {
  for (const [key, handler] of Object.entries(options.on ?? {})) {
    if (key !== '*' && !isEventType(key)) {
      throw new TypeError(
        `on["${key}"] is not a known event type; handle it with onUnknownEvent or on["*"]`,
      );
    }
    if (typeof handler !== 'function') throw new TypeError(`on["${key}"] must be a function`);
  }
  if (options.onUnknownEvent !== undefined && typeof options.onUnknownEvent !== 'function') {
    throw new TypeError('onUnknownEvent must be a function');
  }
}

/** Settles every call; rethrows the one failure, or an AggregateError when several failed. */
async function settleAll(calls: readonly unknown[]): Promise<void> {
  const results = await Promise.allSettled(calls);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, `${failures.length} handlers failed`);
}

/**
 * Runs one handler. What it returns matters only when it is a thenable (to be awaited); a throw
 * becomes a rejection, so that every failure is reported the same way.
 */
function call<C>(
  handler: EventHandler<VoiceflowEvent, C> | undefined,
  event: VoiceflowEvent,
  context: C,
): unknown {
  try {
    const result = handler?.(event, context);
    return typeof (result as PromiseLike<unknown> | null)?.then === 'function' ? result : undefined;
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Calls an event's handlers; `undefined` when every one returned without a promise and without
 * throwing, else a promise that settles like {@link EventRouter}'s.
 */
export type EventDispatcher<C> = (event: VoiceflowEvent, context: C) => Promise<void> | undefined;

/**
 * The dispatcher behind {@link createEventRouter}. It answers synchronously when every handler
 * did, so a request whose handlers are synchronous costs no promise and no timer.
 */
export function createEventDispatcher<C>(options: EventRouterOptions<C>): EventDispatcher<C> {
  assertHandlers(options);
  const on = (options.on ?? {}) as Record<string, EventHandler<VoiceflowEvent, C> | undefined>;
  const wildcard = on['*'];
  const onUnknown = options.onUnknownEvent as EventHandler<VoiceflowEvent, C> | undefined;

  return (event, context) => {
    const specific = isEventType(event.type) ? on[event.type] : onUnknown;
    const first = call(specific, event, context);
    const second = call(wildcard, event, context);
    if (first === undefined && second === undefined) return undefined;
    return settleAll([first, second]);
  };
}

/**
 * Builds a dispatcher from handlers keyed by event type. Handlers run concurrently and the
 * returned promise settles when every one of them has; if any throws or rejects, it rejects
 * (with an `AggregateError` when several did).
 *
 * @example
 * ```ts
 * import { createEventRouter, parseEvent } from 'voiceflow-webhooks';
 *
 * const route = createEventRouter({
 *   on: {
 *     'runtime.call.end': async (event) => {
 *       console.log(event.data.endReason);
 *     },
 *     '*': (event) => console.log('received', event.type),
 *   },
 *   onUnknownEvent: (event) => console.warn('new event type', event.type),
 * });
 *
 * await route(parseEvent(body));
 * ```
 */
export function createEventRouter<C = undefined>(options: EventRouterOptions<C>): EventRouter<C> {
  const dispatch = createEventDispatcher(options);
  return async (event, ...rest) => dispatch(event, rest[0] as C);
}
