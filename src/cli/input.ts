import { readFile } from 'node:fs/promises';
import { UsageError } from './command';

async function readStdin(): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

/** The exact bytes of a file, or of stdin for `-`; an unreadable file is a usage error. */
export async function readInput(path: string): Promise<Uint8Array<ArrayBuffer>> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${reason}`);
  }
}
