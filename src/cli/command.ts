import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Terminal } from './terminal';

/** The name the CLI is invoked by. */
export const BIN = 'voiceflow-webhooks';

/** A mistake in how the CLI was invoked: reported with a usage line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command receives: its positional arguments and its options as parsed. */
export interface Invocation<O extends Options> {
  readonly positionals: string[];
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  readonly terminal: Terminal;
}

/** One subcommand: how it is called, what its help says, and what it does. */
export interface Command<O extends Options = Options> {
  readonly name: string;
  /** One line for the global help. */
  readonly summary: string;
  /** Arguments after the command name, e.g. `<file.json|->`. */
  readonly usage: string;
  /** The rest of `--help`: options and examples. */
  readonly help: string;
  readonly options: O;
  /** Resolves to the exit code. */
  readonly run: (invocation: Invocation<O>) => Promise<number>;
}

/** Declares a command, keeping its option types attached to `run`. */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a command's arguments; unknown options and missing option values become a
 * {@link UsageError}. `undefined` means `--help` was asked for.
 */
export function parseCommandArgs<O extends Options>(
  command: Command<O>,
  args: string[],
): { positionals: string[]; values: Invocation<O>['values'] } | undefined {
  try {
    const { positionals, values } = parseArgs({
      args,
      options: { ...command.options, ...HELP_OPTION },
      allowPositionals: true,
      strict: true,
    });
    if ((values as { help?: boolean }).help === true) return undefined;
    return { positionals, values: values as Invocation<O>['values'] };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The usage line of a command. */
export function usageOf(command: Command): string {
  return `${BIN} ${command.name} ${command.usage}`.trimEnd();
}

/**
 * The positional arguments, checked against their number: `names` are the required ones, and
 * with `variadic` the last may repeat.
 */
export function positionalArguments(
  positionals: string[],
  names: readonly string[],
  variadic = false,
): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing argument ${names[positionals.length]}`);
  }
  if (!variadic && positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}`);
  }
  return positionals;
}
