import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const builtBin = join(root, 'dist', 'cli', 'index.js');
const run = promisify(execFile);

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(builtBin)).mtimeMs;
    const sources = await Promise.all(
      ['src', 'fixtures', 'package.json'].map((path) => newestChange(join(root, path))),
    );
    return built >= Math.max(...sources);
  } catch {
    return false;
  }
}

/**
 * Builds the package unless dist/ is already newer than every source (as after `npm test`'s
 * own build, where rebuilding would pull dist/ from under the other test files), then copies
 * the bin alone to a temporary folder: tests run it there, safe from a concurrent rebuild, and
 * proving that it needs nothing from the repository.
 */
export async function installBin(): Promise<{ bin: string; cleanup: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'voiceflow-webhooks-cli-'));
  const bin = join(directory, 'voiceflow-webhooks.mjs');
  for (let attempt = 1; ; attempt++) {
    if (!(await isFresh()))
      await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    try {
      await copyFile(builtBin, bin);
      break;
    } catch (error) {
      // Another engineer's build may have emptied dist/ in between: build once more.
      if (attempt === 2) throw error;
    }
  }
  return { bin, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/** What a finished CLI run left. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the bin to completion, with `input` on stdin; killed after 15 s. With `closeStdoutEarly`,
 * its stdout is closed after the first chunk, as `| head -1` does.
 */
export function runCli(
  bin: string,
  args: readonly string[],
  options: {
    input?: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    closeStdoutEarly?: boolean;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: { ...process.env, NO_COLOR: '', ...options.env },
      timeout: 15_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (options.closeStdoutEarly === true) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A running `listen` process. */
export interface Listener {
  /** The URL it printed. */
  readonly url: string;
  /** Resolves with the first output line matching `pattern`, waiting up to 10 s. */
  readonly waitFor: (pattern: RegExp) => Promise<string>;
  /** Sends SIGINT and resolves with the exit code and everything printed. */
  readonly stop: () => Promise<CliResult>;
}

function lineWaiter(child: ChildProcess): {
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<string>;
} {
  let output = '';
  const waiting = new Set<() => void>();
  child.stdout!.on('data', (chunk) => {
    output += chunk;
    for (const check of waiting) check();
  });
  const waitFor = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`no line matching ${pattern} in:\n${output}`));
      }, 10_000);
      const check = (): void => {
        const line = output.split('\n').find((candidate) => pattern.test(candidate));
        if (line === undefined) return;
        clearTimeout(timer);
        waiting.delete(check);
        resolve(line);
      };
      waiting.add(check);
      check();
    });
  return { output: () => output, waitFor };
}

/** Starts `listen` on a free loopback port and waits until it says where it listens. */
export async function startListener(bin: string, args: readonly string[] = []): Promise<Listener> {
  const child = spawn(process.execPath, [bin, 'listen', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const { output, waitFor } = lineWaiter(child);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = await waitFor(/Listening for Voiceflow webhooks on /);
  const url = /(http:\/\/\S+)/.exec(line)![1]!;
  const stop = async (): Promise<CliResult> => {
    child.kill('SIGINT');
    const code = await exited;
    return { code, stdout: output(), stderr };
  };
  return { url, waitFor, stop };
}
