import { safeParseEvent, type WebhookParseError } from '../core/index';
import { defineCommand, positionalArguments } from './command';
import { readInput } from './input';
import { formatIssue, summarizeEvent } from './summary';
import type { Terminal } from './terminal';

function reportIssues(terminal: Terminal, label: string, error: WebhookParseError): void {
  const { style } = terminal;
  terminal.out(`${style.red('✗')} ${label}  ${style.red(error.code)}`);
  for (const issue of error.issues) terminal.out(`    ${formatIssue(issue, style)}`);
}

/** Validates one input and prints its verdict; true when it is a valid event. */
async function validateOne(terminal: Terminal, path: string): Promise<boolean> {
  const label = path === '-' ? '(stdin)' : path;
  const result = safeParseEvent(await readInput(path));
  if (!result.success) {
    reportIssues(terminal, label, result.error);
    return false;
  }
  const { style } = terminal;
  const { event } = result;
  terminal.out(`${style.green('✓')} ${label}  ${style.bold(event.type)} ${summarizeEvent(event)}`);
  return true;
}

/** `validate`: parses files (or stdin) as webhook bodies and says what they are or why not. */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check webhook bodies: print each event in one line, or its issues',
  usage: '<file.json|-> [more files...]',
  help: `Parses each file (or stdin, given as -) exactly as a receiver would, and prints the
event in one line (type, ids, platform, duration of end events) or every issue with its path.

Exits 1 when any input is not a valid event.

Examples:
  voiceflow-webhooks validate payload.json
  voiceflow-webhooks validate fixtures/valid/*.json
  curl -s https://example.com/last-event | voiceflow-webhooks validate -`,
  options: {},
  async run({ positionals, terminal }) {
    let valid = true;
    for (const path of positionalArguments(positionals, ['<file.json|->'], true)) {
      valid = (await validateOne(terminal, path)) && valid;
    }
    return valid ? 0 : 1;
  },
});
