import { describe, expect, it } from 'vitest';
import {
  createEventRouter,
  type EventRouterOptions,
  parseEvent,
  type VoiceflowEvent,
} from '../../src/index';
import { fixtureObject } from '../support/fixtures';

const callEnd = parseEvent(fixtureObject('call-end-twilio-inbound'));
const unknown = parseEvent({ type: 'runtime.transcript.ready', data: {} });

describe('createEventRouter', () => {
  it('sends an event to the handler of its type and to "*", with the context', async () => {
    const seen: string[] = [];
    const route = createEventRouter<{ id: string }>({
      on: {
        'runtime.call.end': (event, context) => {
          seen.push(`end ${event.data.endReason} ${context.id}`);
        },
        'runtime.call.start': () => {
          seen.push('start');
        },
        '*': (event, context) => {
          seen.push(`* ${event.type} ${context.id}`);
        },
      },
    });
    await route(callEnd, { id: 'msg_1' });
    expect(seen.sort()).toEqual(['* runtime.call.end msg_1', 'end hangup msg_1']);
  });

  it('sends unknown types to onUnknownEvent and "*"', async () => {
    const seen: VoiceflowEvent[] = [];
    const route = createEventRouter({
      on: { '*': (event) => void seen.push(event) },
      onUnknownEvent: (event) => void seen.push(event),
    });
    await route(unknown);
    expect(seen).toEqual([unknown, unknown]);
  });

  it('waits for async handlers before settling', async () => {
    let finished = false;
    const route = createEventRouter({
      on: {
        'runtime.call.end': async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          finished = true;
        },
      },
    });
    await route(callEnd);
    expect(finished).toBe(true);
  });

  it('rejects with the error of a handler that throws synchronously', async () => {
    const failure = new Error('database down');
    const route = createEventRouter({
      on: {
        'runtime.call.end': () => {
          throw failure;
        },
      },
    });
    await expect(route(callEnd)).rejects.toBe(failure);
  });

  it('runs every handler even when one fails, and reports several failures together', async () => {
    let wildcardRan = false;
    const route = createEventRouter({
      on: {
        'runtime.call.end': async () => {
          throw new Error('first');
        },
        '*': async () => {
          wildcardRan = true;
          throw new Error('second');
        },
      },
    });
    const error = await route(callEnd).catch((caught: unknown) => caught);
    expect(wildcardRan).toBe(true);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      'first',
      'second',
    ]);
  });

  it('settles quietly when no handler matches', async () => {
    await expect(createEventRouter({})(callEnd)).resolves.toBeUndefined();
  });

  it('refuses a handler key that is not a known event type, saying what to use', () => {
    const options = { on: { 'runtime.call.ended': () => {} } } as unknown as EventRouterOptions;
    expect(() => createEventRouter(options)).toThrow(
      /not a known event type; handle it with onUnknownEvent/,
    );
  });

  it('refuses a handler that is not a function', () => {
    const options = { on: { 'runtime.call.end': 'log' } } as unknown as EventRouterOptions;
    expect(() => createEventRouter(options)).toThrow('on["runtime.call.end"] must be a function');
  });
});
