import { readFile } from 'node:fs/promises';
import { UsageError } from './command';

/** A file that could not be read: a usage error that keeps the file and the reason apart. */
export class UnreadableFileError extends UsageError {
  /**
   * @param path - the file as it was given
   * @param reason - why it could not be read, e.g. `no such file`
   */
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read ${path}: ${reason}`);
  }
}

/** Plain words for the common failures, in place of Node's `EISDIR: illegal operation...`. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
};

async function readStdin(): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

/**
 * The exact bytes of a file, or of stdin for `-`; an unreadable file throws an
 * {@link UnreadableFileError}.
 */
export async function readInput(path: string): Promise<Uint8Array<ArrayBuffer>> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UnreadableFileError(path, REASONS[code ?? ''] ?? message);
  }
}
