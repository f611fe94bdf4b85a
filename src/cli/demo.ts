import type { IncomingMessage, ServerResponse } from 'node:http';
import { voiceflowWebhook } from '../adapters/node/index';
import { signPayload } from '../signature/index';
import { fixtures } from '../testing/fixtures';
import { defineCommand, positionalArguments } from './command';
import { deliver } from './deliver';
import { startReceiver } from './receiver';
import type { Terminal } from './terminal';

/** One request the demo makes, and the status it must get. */
interface Case {
  readonly name: string;
  readonly body: string;
  readonly expected: number;
  /** Sent to the receiver that requires signatures, with these headers. */
  readonly signedWith?: 'the secret' | 'another secret' | 'nothing';
}

interface Outcome extends Case {
  readonly got: string;
  readonly ok: boolean;
}

function randomSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
}

function fixtureCases(): Case[] {
  const events = (kind: 'valid' | 'unknown'): Case[] =>
    Object.entries(fixtures[kind]).map(([name, event]) => ({
      name: `${kind}/${name}`,
      body: JSON.stringify(event),
      expected: 200,
    }));
  const invalid = Object.entries(fixtures.invalid).map(([name, body]) => ({
    name: `invalid/${name}`,
    body,
    expected: 400,
  }));
  return [...events('valid'), ...events('unknown'), ...invalid];
}

function signatureCases(): Case[] {
  const body = JSON.stringify(fixtures.valid['call-end-twilio-inbound']);
  const name = 'valid/call-end-twilio-inbound';
  return [
    { name: `${name}, signed`, body, expected: 200, signedWith: 'the secret' },
    { name: `${name}, wrongly signed`, body, expected: 401, signedWith: 'another secret' },
    { name: `${name}, unsigned`, body, expected: 401, signedWith: 'nothing' },
  ];
}

/** One server, two endpoints: `/` takes unsigned requests, `/signed` requires the secret. */
function demoListener(
  secret: string,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const open = voiceflowWebhook({});
  const signed = voiceflowWebhook({ secret });
  return (req, res) => (req.url === '/signed' ? signed(req, res) : open(req, res));
}

/** The `error` field of a JSON answer, if it has one. */
function errorCode(body: string): string | undefined {
  try {
    const { error } = JSON.parse(body) as { error?: unknown };
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}

async function run(baseUrl: string, secret: string, test: Case): Promise<Outcome> {
  const signingSecret = test.signedWith === 'the secret' ? secret : randomSecret();
  const headers =
    test.signedWith === undefined || test.signedWith === 'nothing'
      ? {}
      : await signPayload({ payload: test.body, secret: signingSecret });
  const url = test.signedWith === undefined ? baseUrl : `${baseUrl}signed`;
  const { status, body } = await deliver(url, test.body, headers);
  const code = errorCode(body);
  return {
    ...test,
    got: code === undefined ? String(status) : `${status} ${code}`,
    ok: status === test.expected,
  };
}

function printTable(terminal: Terminal, outcomes: readonly Outcome[]): void {
  const { style } = terminal;
  const width = Math.max(...outcomes.map(({ name }) => name.length));
  const gotWidth = Math.max(...outcomes.map(({ got }) => got.length));
  terminal.out(style.bold(`${'fixture'.padEnd(width)}  expected  ${'got'.padEnd(gotWidth)}  ok`));
  for (const { name, expected, got, ok } of outcomes) {
    const mark = ok ? style.green('✓') : style.red('✗');
    terminal.out(
      `${name.padEnd(width)}  ${String(expected).padEnd(8)}  ${got.padEnd(gotWidth)}  ${mark}`,
    );
  }
}

/** `demo`: a receiver on a free port, every fixture sent to it, a table of the answers. */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Send every fixture to a local receiver and print what came back',
  usage: '',
  help: `Starts a receiver on a free loopback port and sends it every bundled fixture: valid and
unknown-type events must get 200, invalid bodies 400. Then sends one event signed with the
receiver's secret (200), one signed with another secret (401) and one unsigned (401).
Prints a table; exits 0 when every answer was as expected, 1 otherwise.`,
  options: {},
  async run({ positionals, terminal }) {
    positionalArguments(positionals, []);
    const secret = randomSecret();
    const receiver = await startReceiver(demoListener(secret), '127.0.0.1', 0);
    terminal.out(
      `Receiver on ${receiver.url} (unsigned) and ${receiver.url}signed (signatures required)\n`,
    );
    const outcomes: Outcome[] = [];
    try {
      for (const test of [...fixtureCases(), ...signatureCases()]) {
        outcomes.push(await run(receiver.url, secret, test));
      }
    } finally {
      await receiver.close();
    }
    printTable(terminal, outcomes);
    const passed = outcomes.filter(({ ok }) => ok).length;
    const summary = `\n${passed} of ${outcomes.length} answers as expected.`;
    terminal.out(
      passed === outcomes.length ? terminal.style.green(summary) : terminal.style.red(summary),
    );
    return passed === outcomes.length ? 0 : 1;
  },
});
