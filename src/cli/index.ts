#!/usr/bin/env node
/**
 * The `voiceflow-webhooks` command: `send`, `validate`, `listen` and `demo`, for trying a
 * webhook endpoint locally without Voiceflow. Zero dependencies: `node:util`'s `parseArgs`.
 *
 * @example
 * ```sh
 * npx voiceflow-webhooks listen --port 8787
 * npx voiceflow-webhooks send runtime.call.end --url http://127.0.0.1:8787
 * ```
 *
 * @packageDocumentation
 */
import { version } from '../../package.json';
import { BIN, type Command, parseCommandArgs, UsageError, usageOf } from './command';
import { demoCommand } from './demo';
import { listenCommand } from './listen';
import { sendCommand } from './send';
import { processTerminal, type Terminal } from './terminal';
import { validateCommand } from './validate';

const COMMANDS: readonly Command[] = [
  sendCommand,
  validateCommand,
  listenCommand,
  demoCommand,
] as Command[];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map(({ name }) => name.length));
  const lines = COMMANDS.map(({ name, summary }) => `  ${name.padEnd(width)}  ${summary}`);
  return `Usage: ${BIN} <command> [options]

Try a Voiceflow webhook endpoint locally: send realistic events, validate payloads, run a
receiver. Unofficial; not affiliated with Voiceflow.

Commands:
${lines.join('\n')}

Options:
  -h, --help     show help (also after a command: ${BIN} send --help)
  -v, --version  print the version

Exit codes: 0 success, 1 invalid payload or non-2xx answer, 2 bad usage or an unreadable file.`;
}

function commandHelp(command: Command): string {
  return `Usage: ${usageOf(command)}\n\n${command.summary}.\n\n${command.help}`;
}

function usageFailure(terminal: Terminal, message: string, command?: Command): number {
  const { red } = terminal.errStyle;
  terminal.err(`${BIN}: ${red(message)}`);
  terminal.err(`Usage: ${command === undefined ? `${BIN} <command> [options]` : usageOf(command)}`);
  terminal.err(`Run '${BIN} ${command === undefined ? '' : `${command.name} `}--help' for more.`);
  return 2;
}

async function runCommand(terminal: Terminal, command: Command, args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(command, args);
    if (parsed === undefined) {
      terminal.out(commandHelp(command));
      return 0;
    }
    return await command.run({ ...parsed, terminal });
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(terminal, error.message, command);
    terminal.err(`${BIN}: ${terminal.errStyle.red((error as Error).message)}`);
    return 1;
  }
}

async function main(args: string[]): Promise<number> {
  const terminal = processTerminal();
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h') {
    terminal.out(globalHelp());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    terminal.out(version);
    return 0;
  }
  if (first === undefined) return usageFailure(terminal, 'missing command');
  const command = COMMANDS.find(({ name }) => name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? 'option' : 'command';
    return usageFailure(terminal, `unknown ${what} ${JSON.stringify(first)}`);
  }
  return runCommand(terminal, command, rest);
}

process.exitCode = await main(process.argv.slice(2));
