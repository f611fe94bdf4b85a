import { safeParseEvent, type WebhookParseError } from '../core/index';
import { defineCommand, positionalArguments } from './command';
import { readInput, UnreadableFileError } from './input';
import { formatIssue, summarizeEvent } from './summary';
import type { Terminal } from './terminal';

function reportIssues(terminal: Terminal, label: string, error: WebhookParseError): void {
  const { style } = terminal;
  terminal.out(`${style.red('✗')} ${label}  ${style.red(error.code)}`);
  for (const issue of error.issues) terminal.out(`    ${formatIssue(issue, style)}`);
}

/** What one input makes the exit code: 0 valid, 1 invalid, 2 unreadable; the worst one wins. */
type Verdict = 0 | 1 | 2;

/**
 * Validates one input and prints its verdict. An unreadable file among several is reported in its
 * place, so that the others still get theirs; alone, it stays a usage error.
 */
async function validateOne(terminal: Terminal, path: string, alone: boolean): Promise<Verdict> {
  const { style } = terminal;
  const label = path === '-' ? '(stdin)' : path;
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readInput(path);
  } catch (error) {
    if (alone || !(error instanceof UnreadableFileError)) throw error;
    terminal.out(`${style.red('✗')} ${label}  ${style.red(`cannot read: ${error.reason}`)}`);
    return 2;
  }
  const result = safeParseEvent(body);
  if (!result.success) {
    reportIssues(terminal, label, result.error);
    return 1;
  }
  const { event } = result;
  terminal.out(`${style.green('✓')} ${label}  ${style.bold(event.type)} ${summarizeEvent(event)}`);
  return 0;
}

/** `validate`: parses files (or stdin) as webhook bodies and says what they are or why not. */
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check webhook bodies: print each event in one line, or its issues',
  usage: '<file.json|-> [more files...]',
  help: `Parses each file (or stdin, given as -) exactly as a receiver would, and prints the
event in one line (type, ids, platform, duration of end events) or every issue with its path.

Exits 1 when any input is not a valid event, and 2 when a file cannot be read: among several
files, each unreadable one is reported in its place and the others are still checked.

Examples:
  voiceflow-webhooks validate payload.json
  voiceflow-webhooks validate fixtures/valid/*.json
  curl -s https://example.com/last-event | voiceflow-webhooks validate -`,
  options: {},
  async run({ positionals, terminal }) {
    const paths = positionalArguments(positionals, ['<file.json|->'], true);
    let worst: Verdict = 0;
    for (const path of paths) {
      const verdict = await validateOne(terminal, path, paths.length === 1);
      if (verdict > worst) worst = verdict;
    }
    return worst;
  },
});
