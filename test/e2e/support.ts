/**
 * Shared harness of the end-to-end tests: they run the BUILT package the way a user's app gets
 * it (`npm pack`, unpacked into the app's node_modules), in real servers on 127.0.0.1.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { type Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Webhook } from 'svix';

export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const execFileAsync = promisify(execFile);

/** Runs a command to completion; on failure the error carries everything it printed. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Polls `check` every 100 ms until it returns a value, or throws `timeoutMessage` at the deadline. */
export async function poll<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  timeoutMessage: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(timeoutMessage());
}

const builtEntries = ['web', 'next', 'hono', 'express', 'node', 'runtime-node/web'].map((sub) =>
  join(repoRoot, 'dist', sub, 'index.js'),
);

/**
 * Builds dist/ unless every adapter is already there (`npm test` builds first). Test files run in
 * parallel, so a lock folder keeps two of them from building, and deleting dist/, at once.
 */
export async function ensureBuilt(): Promise<void> {
  const isBuilt = (): true | undefined => (builtEntries.every(existsSync) ? true : undefined);
  if (isBuilt()) return;
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const lock = join(repoRoot, '.tmp', 'e2e-build.lock');
  try {
    mkdirSync(lock);
  } catch {
    await poll(isBuilt, 180_000, () => `dist/ was not built; remove ${lock} if no build runs`);
    return;
  }
  try {
    await run('npm', ['run', 'build'], { cwd: repoRoot, timeoutMs: 180_000 });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A scratch folder under the repo's git-ignored `.tmp/`: apps copied there resolve express,
 * hono, next and react from the repo's node_modules, as a user's app resolves its own.
 */
export function makeWorkDir(prefix: string): string {
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  return mkdtempSync(join(repoRoot, '.tmp', `${prefix}-`));
}

/** Deletes a folder made by {@link makeWorkDir}. */
export function removeWorkDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Copies an example or test app, without build output or installed packages. */
export function copyApp(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|\.next|next-env\.d\.ts)$/.test(path),
  });
}

/** Every file that package.json's `exports` names, as paths inside the package. */
function exportedFiles(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportedFiles);
}

/**
 * Packs the package with `npm pack`, as it would be published (only its `files`), and returns
 * the tarball's path. Other work may be rebuilding dist/ at that moment, so a tarball missing a
 * module or types file that `exports` names is packed again, for up to a minute.
 */
export async function packPackage(workDir: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const wanted = exportedFiles(manifest.exports)
    .filter((file) => /\.(c?js|d\.c?ts)$/.test(file))
    .map((file) => `package/${file}`);
  let missing: string[] = [];
  return poll(
    async () => {
      const packed = JSON.parse(
        await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: repoRoot }),
      ) as [{ filename: string; files: { path: string }[] }];
      const files = new Set(packed[0].files.map((file) => `package/${file.path}`));
      missing = wanted.filter((file) => !files.has(file));
      return missing.length === 0 ? join(workDir, packed[0].filename) : undefined;
    },
    60_000,
    () => `the packed package lacks ${missing.join(', ')}: is dist/ built?`,
  );
}

/** Unpacks a tarball into `appDir/node_modules/voiceflow-webhooks`, where npm would put it. */
export async function installTarball(tarball: string, appDir: string): Promise<void> {
  const target = join(appDir, 'node_modules', 'voiceflow-webhooks');
  mkdirSync(target, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { cwd: appDir });
}

/** A port that was free a moment ago, for servers that cannot report the one they got. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', listening);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((closed) => server.close(closed));
  return port;
}

/**
 * The environment for a child server: the test's own, less the `NODE_ENV=test` vitest sets,
 * which Next.js rejects, plus `extra`.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_ENV;
  return env;
}

/** A long-running child process (a server) in its own process group, with its output kept. */
export class ServerProcess {
  readonly #child: ChildProcess;
  #output = '';
  #exited = false;

  private constructor(child: ChildProcess) {
    this.#child = child;
    const keep = (chunk: Buffer): void => {
      this.#output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      this.#exited = true;
    });
  }

  /** Starts `command`; `detached` gives it a process group, so stop() also ends its children. */
  static start(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
  ): ServerProcess {
    return new ServerProcess(
      spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  /** Everything the process printed so far. */
  get output(): string {
    return this.#output;
  }

  /**
   * Waits until the output printed after offset `since` matches `pattern`; fails early if the
   * process exits.
   */
  waitForOutput(pattern: RegExp, since = 0, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return poll(
      () => {
        this.#assertRunning();
        return this.#output.slice(since).match(pattern) ?? undefined;
      },
      timeoutMs,
      () => `no output matching ${pattern} within ${timeoutMs} ms:\n${this.#output}`,
    );
  }

  /** Waits until `url` answers at all (any status); fails early if the process exits. */
  waitForHttp(url: string, timeoutMs = 60_000): Promise<true> {
    return poll(
      async () => {
        this.#assertRunning();
        return fetch(url).then(
          () => true as const,
          () => undefined,
        );
      },
      timeoutMs,
      () => `${url} did not answer within ${timeoutMs} ms:\n${this.#output}`,
    );
  }

  /** Ends the process group: SIGTERM, then SIGKILL if it is still there after 5 s. */
  async stop(): Promise<void> {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (this.#exited || !this.#signal(signal)) return;
      try {
        await poll(
          () => (this.#exited ? true : undefined),
          5_000,
          () => 'still running',
        );
        return;
      } catch {
        // Still running: on to the next, stronger signal.
      }
    }
  }

  /** Signals the process group; false when there is none left to signal. */
  #signal(signal: NodeJS.Signals): boolean {
    const pid = this.#child.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  #assertRunning(): void {
    if (this.#exited) throw new Error(`the server exited:\n${this.#output}`);
  }
}

/** The text of `fixtures/<path>`, byte for byte. */
export function readFixture(path: string): string {
  return readFileSync(join(repoRoot, 'fixtures', path), 'utf8');
}

/** The file names in `fixtures/<kind>/`. */
export function fixtureNames(kind: 'valid' | 'unknown' | 'invalid'): string[] {
  return readdirSync(join(repoRoot, 'fixtures', kind)).filter((name) => name.endsWith('.json'));
}

/** A signing secret in the form Svix issues: `whsec_` and random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The headers Svix sends with a delivery, signed by the `svix` package itself so the package's
 * verifier is checked against the real sender, not against its own signer.
 */
export function svixHeaders(
  secret: string,
  payload: string,
  { id, sentAt = new Date() }: { id: string; sentAt?: Date },
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, sentAt, payload),
  };
}

/** What came back from a request: status, headers, raw text and the parsed JSON if any. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

function toReply(status: number, headers: Headers, text: string): Reply {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status, headers, text, body };
}

/** Sends one request and reads the whole reply. */
export async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', ...init });
  return toReply(response.status, response.headers, await response.text());
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  return headers;
}

/**
 * POSTs `chunks` with chunked transfer encoding (so no Content-Length) through `agent`, and writes
 * all of them even when the answer comes first, as a sender that does not watch for one would.
 * With a keep-alive agent, the next request through it reuses the connection if the server lets it.
 */
export function sendChunked(url: string, chunks: Iterable<string>, agent: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      const received: Buffer[] = [];
      response.on('data', (chunk: Buffer) => received.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(received).toString();
        resolve(toReply(response.statusCode ?? 0, toHeaders(response.headers), text));
      });
    });
    // Once answered, a write the server no longer reads may fail; the answer is what counts.
    request.on('error', (error) => answered || reject(error));
    const pending = chunks[Symbol.iterator]();
    const pump = (): void => {
      for (let next = pending.next(); next.done !== true; next = pending.next()) {
        if (!request.write(next.value)) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}
