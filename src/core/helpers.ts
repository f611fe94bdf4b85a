import type { CallEndEvent, CallEvent, SessionEndEvent } from './types';

/** Who called whom. */
export interface CallParties {
  /** The number (or SIP address) that placed the call. */
  readonly from: string;
  /** The number (or SIP address) that received it. */
  readonly to: string;
}

/**
 * The caller and callee of a call, from its metadata's `callType`: on an inbound call the user
 * called the agent; on an outbound or prototype-outbound call, the agent called the user.
 * `undefined` when it cannot tell: web-voice calls, unknown call types, missing numbers.
 * Works for any platform whose metadata uses Twilio's field names.
 *
 * @example
 * ```ts
 * const parties = callParties(event);
 * if (parties) console.log(`${parties.from} -> ${parties.to}`);
 * ```
 */
export function callParties(event: CallEvent): CallParties | undefined {
  const { callType, userNumber, agentNumber } = event.data.metadata as Record<string, unknown>;
  if (typeof userNumber !== 'string' || typeof agentNumber !== 'string') return undefined;
  if (callType === 'inbound') return { from: userNumber, to: agentNumber };
  if (callType === 'outbound' || callType === 'prototype-outbound') {
    return { from: agentNumber, to: userNumber };
  }
  return undefined;
}

/**
 * How long a call or session lasted, in milliseconds (`endTime - startTime`).
 *
 * @example
 * ```ts
 * on: { 'runtime.call.end': (event) => metrics.record(callDuration(event)) }
 * ```
 */
export function callDuration(event: CallEndEvent | SessionEndEvent): number {
  return event.data.endTime - event.data.startTime;
}

/**
 * A key shared by the start and the end event of one call, to join them: the Call SID for
 * Twilio calls, otherwise `projectID:userID:startTime` (both events carry the same start time).
 *
 * @example
 * ```ts
 * const open = new Map<string, CallStartEvent>();
 * // on start: open.set(callKey(start), start); on end: open.get(callKey(end))
 * ```
 */
export function callKey(event: CallEvent): string {
  const { data } = event;
  const callSid = (data.metadata as { callSid?: unknown }).callSid;
  if (data.platform === 'twilio' && typeof callSid === 'string') return callSid;
  return `${data.projectID}:${data.userID}:${data.startTime}`;
}
