import { EVENT_TYPES, type EventHandlers } from '../../../src/core/index';
import type { VoiceflowWebhookOptions, WebhookContext } from '../../../src/http/index';

/** One call of a handler, `onUnknownEvent` or `onError`, as a test server saw it. */
export interface Seen {
  /** `runtime.call.end`, `*`, `onUnknownEvent`, or `onError:<code>`. */
  readonly by: string;
  readonly type: string | undefined;
  readonly deliveryId: string | undefined;
  readonly rawBody: string;
  /** What `ctx.headers` said the content type was. */
  readonly contentType: string | null;
  readonly cause?: unknown;
}

/**
 * What the handlers do, chosen by the sender through an extra top-level `test` field:
 * `throw` and `reject` fail, `slow` finishes 50 ms later, `fail-once` fails the first attempt
 * of each delivery id.
 */
type Behaviour = 'throw' | 'reject' | 'slow' | 'fail-once';

/** A failure message that must never reach a response body. */
export const HANDLER_SECRET = 'password=hunter2 at db.internal:5432';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records every call made by the webhook of one test server. */
export class Recorder {
  readonly seen: Seen[] = [];
  private readonly failedOnce = new Set<string>();

  /** The calls made while handling the delivery `id`. */
  of(id: string): Seen[] {
    return this.seen.filter((entry) => entry.deliveryId === id);
  }

  /** The webhook options of a test server: every handler records, `'*'` also acts. */
  options(extra: VoiceflowWebhookOptions = {}): VoiceflowWebhookOptions {
    const on = Object.fromEntries(
      EVENT_TYPES.map((type) => [
        type,
        (event: { type: string }, ctx: WebhookContext) => this.note(type, event, ctx),
      ]),
    ) as EventHandlers<WebhookContext>;
    return {
      on: { ...on, '*': (event, ctx) => this.act(event, ctx) },
      onUnknownEvent: (event, ctx) => this.note('onUnknownEvent', event, ctx),
      onError: (error, ctx) => this.note(`onError:${error.code}`, undefined, ctx, error.cause),
      ...extra,
    };
  }

  private note(
    by: string,
    event: { type: string } | undefined,
    ctx: WebhookContext,
    cause?: unknown,
  ): void {
    this.seen.push({
      by,
      type: event?.type,
      deliveryId: ctx.deliveryId,
      rawBody: ctx.rawBody,
      contentType: ctx.headers.get('content-type'),
      cause,
    });
  }

  private async act(event: { type: string; test?: unknown }, ctx: WebhookContext): Promise<void> {
    const behaviour = event.test as Behaviour | undefined;
    if (behaviour === 'throw') throw new Error(HANDLER_SECRET);
    if (behaviour === 'reject') return Promise.reject(new Error(HANDLER_SECRET));
    if (behaviour === 'slow') await sleep(50);
    if (behaviour === 'fail-once' && !this.failedOnce.has(String(ctx.deliveryId))) {
      this.failedOnce.add(String(ctx.deliveryId));
      throw new Error('temporary failure');
    }
    this.note('*', event, ctx);
  }
}
