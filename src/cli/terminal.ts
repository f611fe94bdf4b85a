/** Text styles; each returns its input unchanged when colour is off. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
}

/** Where a command writes: lines to stdout and stderr, each with its own style. */
export interface Terminal {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly style: Style;
  readonly errStyle: Style;
}

const plain = (text: string): string => text;

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org). */
function styleFor(stream: NodeJS.WriteStream): Style {
  if (stream.isTTY !== true || process.env.NO_COLOR) {
    return { bold: plain, dim: plain, green: plain, red: plain, yellow: plain };
  }
  return {
    bold: ansi(1, 22),
    dim: ansi(2, 22),
    green: ansi(32, 39),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
  };
}

/**
 * The status of a process whose reader went away: 128 + SIGPIPE (13), as a shell reports it for
 * `yes | head` or `git log | head`. Node ignores SIGPIPE, so the CLI cannot die of it as those
 * do; it exits with their number instead. Not 0: the remaining inputs were never checked or sent,
 * and a script must not read that as success.
 */
const READER_GONE = 128 + 13;

/**
 * Ends the process quietly once its reader is gone (`validate *.json | head -3`), as Unix
 * commands do, instead of with Node's unhandled EPIPE and a stack trace. Other write errors
 * are still thrown.
 */
function stopWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(READER_GONE);
  });
}

/** The process's own terminal; once it is made, a closed stdout or stderr ends the process. */
export function processTerminal(): Terminal {
  stopWhenReaderLeaves(process.stdout);
  stopWhenReaderLeaves(process.stderr);
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr),
  };
}
