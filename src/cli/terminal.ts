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

/** The process's own terminal. */
export function processTerminal(): Terminal {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr),
  };
}
