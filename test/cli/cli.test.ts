import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { safeParseEvent } from '../../src/index';
import { readFixtures } from '../support/fixtures';
import { installBin, type Listener, runCli, startListener } from './support';

const fixturesDir = join(import.meta.dirname, '..', '..', 'fixtures');
const fixturePath = (kind: string, name: string): string => join(fixturesDir, kind, `${name}.json`);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ESCAPE = '\u001b[';

let bin: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ bin, cleanup } = await installBin());
});

afterAll(async () => {
  await cleanup();
});

const cli = (...args: string[]) => runCli(bin, args);

describe('global options', () => {
  it('prints the commands and exit codes with --help', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['send', 'validate', 'listen', 'demo'])
      expect(stdout).toContain(`  ${command}`);
    expect(stdout).toContain('2 bad usage');
  });

  it('prints the package version with --version', async () => {
    const { code, stdout } = await cli('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(packageJson.version);
  });

  it('prints each command its own help with --help', async () => {
    for (const command of ['send', 'validate', 'listen', 'demo']) {
      const { code, stdout } = await cli(command, '--help');
      expect(code, command).toBe(0);
      expect(stdout).toContain(`Usage: voiceflow-webhooks ${command}`);
    }
  });
});

describe('bad usage', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['an unknown command', ['serve'], /unknown command "serve"/],
    ['an unknown option', ['validate', '--strict', 'x.json'], /Unknown option '--strict'/],
    ['a missing argument', ['validate'], /missing argument <file\.json\|->/],
    ['send without --url', ['send', 'runtime.call.end'], /missing option --url/],
    ['send with a bad URL', ['send', 'runtime.call.end', '--url', 'localhost'], /--url must be/],
    [
      'send of an unknown type',
      ['send', 'runtime.foo', '--url', 'http://127.0.0.1:9'],
      /unknown event type/,
    ],
    [
      'send with a bad secret',
      ['send', 'runtime.call.end', '--url', 'http://127.0.0.1:9', '--secret', 'whsec_!!'],
      /--secret/,
    ],
    ['listen on a bad port', ['listen', '--port', 'http'], /--port must be/],
    [
      'listen with a secret that is not base64',
      ['listen', '--secret', 'bad!!'],
      /^voiceflow-webhooks: --secret must be base64 text, optionally prefixed with "whsec_"$/m,
    ],
    [
      'listen with an empty secret',
      ['listen', '--secret', ''],
      /^voiceflow-webhooks: --secret must be a non-empty string\b/m,
    ],
    [
      'listen with a second secret that is not base64',
      ['listen', '--secret', SECRET, '--secret', 'bad!!'],
      /^voiceflow-webhooks: --secret #2 must be base64 text\b/m,
    ],
    [
      'a file that does not exist',
      ['validate', 'nowhere.json'],
      /cannot read nowhere\.json: no such file/,
    ],
    ['a directory', ['validate', fixturesDir], /cannot read \S+fixtures: is a directory$/m],
  ];

  for (const [what, args, message] of cases) {
    it(`exits 2 with a usage line on stderr for ${what}`, async () => {
      const { code, stdout, stderr } = await cli(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/^Usage: voiceflow-webhooks /m);
      expect(stdout).toBe('');
    });
  }
});

describe('validate', () => {
  it('exits 0 on every valid and unknown-type fixture and prints its type', async () => {
    for (const kind of ['valid', 'unknown'] as const) {
      for (const { name, raw } of readFixtures(kind)) {
        const { code, stdout } = await cli('validate', fixturePath(kind, name));
        expect(code, name).toBe(0);
        expect(stdout).toContain(`✓ ${fixturePath(kind, name)}  ${JSON.parse(raw).type}`);
      }
    }
  });

  it('exits 1 on every invalid fixture and prints the path of each issue', async () => {
    for (const { name, raw } of readFixtures('invalid')) {
      const { code, stdout } = await cli('validate', fixturePath('invalid', name));
      expect(code, name).toBe(1);
      const result = safeParseEvent(raw);
      if (result.success) throw new Error(`${name} should be invalid`);
      expect(stdout).toContain(`✗ ${fixturePath('invalid', name)}  ${result.error.code}`);
      for (const { path } of result.error.issues)
        expect(stdout, name).toContain(`    ${path || '(body)'}  `);
    }
  });

  it('sums up a call end with its platform, parties and duration', async () => {
    const { stdout } = await cli('validate', fixturePath('valid', 'call-end-twilio-inbound'));
    expect(stdout).toContain(
      'runtime.call.end platform=twilio callSid=CA01ed76f14fee29c50f5de59400474006 callType=inbound from=+19876543210 to=+17782006110 project=6772da2e485189279fa5b9da user=+19876543210 duration=46ms endReason=hangup',
    );
  });

  it('reads stdin when the file is -', async () => {
    const valid = await runCli(bin, ['validate', '-'], { input: readFixtures('valid')[0]!.raw });
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('✓ (stdin)  runtime.call.end');
    const invalid = await runCli(bin, ['validate', '-'], {
      input: '{"type":"runtime.session.start"}',
    });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('    data  Missing required field data');
  });

  it('checks several files at once and exits 1 if any is invalid', async () => {
    const files = [fixturePath('valid', 'session-end'), fixturePath('invalid', 'null-body')];
    const { code, stdout } = await cli('validate', ...files);
    expect(code).toBe(1);
    expect(stdout.match(/^[✓✗] /gm)).toEqual(['✓ ', '✗ ']);
  });

  it('reports each unreadable file in its place, checks the others and exits 2', async () => {
    const valid = fixturePath('valid', 'session-end');
    const invalid = fixturePath('invalid', 'null-body');
    const { code, stdout, stderr } = await cli(
      'validate',
      'nowhere.json',
      valid,
      fixturesDir,
      invalid,
    );
    expect(code).toBe(2);
    expect(stdout.match(/^[✓✗] \S+/gm)).toEqual([
      '✗ nowhere.json',
      `✓ ${valid}`,
      `✗ ${fixturesDir}`,
      `✗ ${invalid}`,
    ]);
    expect(stdout).toContain('✗ nowhere.json  cannot read: no such file\n');
    expect(stdout).toContain(`✗ ${fixturesDir}  cannot read: is a directory\n`);
    expect(stderr).toBe('');
  });
});

describe('a reader that goes away', () => {
  it('stops the CLI quietly, with the status of a process killed by SIGPIPE', async () => {
    // Far more output than a pipe holds, so that the CLI is still writing when its reader leaves.
    const files = Array.from({ length: 2000 }, () => fixturePath('valid', 'session-end'));
    const { code, stderr } = await runCli(bin, ['validate', ...files], { closeStdoutEarly: true });
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});

describe('listen with a secret, and send', () => {
  let listener: Listener;

  beforeAll(async () => {
    listener = await startListener(bin, ['--secret', SECRET]);
  });

  it('receives a signed event and prints it as verified', async () => {
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const sent = await cli('send', 'runtime.call.end', '--url', listener.url, '--secret', SECRET);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(
      /^→ POST .* runtime\.call\.end platform=twilio .*\(signed, webhook-id msg_\w+\)$/m,
    );
    expect(sent.stdout).toContain('← 200 OK  {"received":true}');
    const line = await listener.waitFor(/runtime\.call\.end/);
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}200 {2}runtime\.call\.end platform=twilio callSid=CA[0-9a-f]{32} .* {2}verified id=msg_\w+$/,
    );
  });

  it('refuses an unsigned event with 401 when it has a secret, and prints why', async () => {
    const sent = await cli('send', 'runtime.session.start', '--url', listener.url);
    expect(sent.code).toBe(1);
    expect(sent.stdout).toContain('← 401 Unauthorized  {"error":"invalid_signature"}');
    await listener.waitFor(/ 401 {2}invalid_signature /);
  });

  it('stops on SIGINT with exit code 0', async () => {
    const { code, stdout } = await listener.stop();
    expect(code).toBe(0);
    expect(stdout).toMatch(/Stopped\.\n$/);
  });
});

describe('listen without a secret, and send', () => {
  it('accepts unsigned events without a secret and says they were not verified', async () => {
    const open = await startListener(bin);
    try {
      const sent = await cli(
        'send',
        'runtime.call.start',
        '--platform',
        'web-voice',
        '--url',
        open.url,
      );
      expect(sent.code).toBe(0);
      expect(await open.waitFor(/runtime\.call\.start/)).toMatch(
        /platform=web-voice .* {2}unsigned$/,
      );
      await cli('send', 'organization.project.created', '--url', open.url, '--secret', SECRET);
      expect(await open.waitFor(/organization\.project\.created/)).toMatch(/signed, not verified/);
    } finally {
      await open.stop();
    }
  });

  it('sends an invalid file as it is and exits 1 on the 400 it gets', async () => {
    const open = await startListener(bin);
    try {
      const file = fixturePath('invalid', 'not-json-trailing-comma');
      const sent = await cli('send', file, '--url', open.url);
      expect(sent.code).toBe(1);
      expect(sent.stdout).toContain('(not a valid event: invalid_json)');
      expect(sent.stdout).toContain('← 400 Bad Request  {"error":"invalid_json"');
      await open.waitFor(/ 400 {2}invalid_json /);
    } finally {
      await open.stop();
    }
  });
});

describe('send to an endpoint that fails', () => {
  let server: Server;
  let url: string;
  let received: Buffer[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received = [];
      req.on('data', (chunk: Buffer) => received.push(chunk));
      req.on('end', () => res.writeHead(503).end('down for maintenance'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('prints the status and body and exits 1 on a non-2xx answer', async () => {
    const { code, stdout } = await cli('send', 'runtime.session.end', '--url', url);
    expect(code).toBe(1);
    expect(stdout).toContain('← 503 Service Unavailable  down for maintenance');
  });

  it('sends a file byte for byte', async () => {
    const file = fixturePath('invalid', 'empty-body');
    await cli('send', file, '--url', url);
    expect(Buffer.concat(received)).toEqual(readFileSync(file));
  });

  it('exits 1 with the reason when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, stderr } = await cli(
      'send',
      'runtime.call.end',
      '--url',
      `http://127.0.0.1:${port}/`,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not deliver to .*ECONNREFUSED/);
  });
});

describe('demo', () => {
  it('sends every fixture and the signature cases, prints the table and exits 0', async () => {
    const { code, stdout } = await cli('demo');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^fixture +expected +got +ok$/m);
    for (const kind of ['valid', 'unknown', 'invalid'] as const) {
      const status = kind === 'invalid' ? 400 : 200;
      for (const { name } of readFixtures(kind)) {
        expect(stdout).toMatch(new RegExp(`^${kind}/${name} +${status} +${status}\\b.* ✓$`, 'm'));
      }
    }
    expect(stdout).toMatch(/, signed +200 +200 +✓$/m);
    expect(stdout).toMatch(/, wrongly signed +401 +401 invalid_signature +✓$/m);
    expect(stdout).toMatch(/^(\d+) of \1 answers as expected\.$/m);
  });
});

describe('colour', () => {
  const file = fixturePath('valid', 'session-start');
  /** Runs the bin under `script`, which gives it a terminal for stdout. */
  const inTerminal = (env: Record<string, string>): string =>
    execFileSync(
      'script',
      ['-qec', `"${process.execPath}" "${bin}" validate "${file}"`, '/dev/null'],
      {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      },
    );

  it('is used on a terminal', () => {
    expect(inTerminal({ NO_COLOR: '' })).toContain(ESCAPE);
  });

  it('is never used when NO_COLOR is set', () => {
    expect(inTerminal({ NO_COLOR: '1' })).not.toContain(ESCAPE);
  });

  it('is never used when stdout is not a terminal', async () => {
    const { stdout } = await cli('validate', file);
    expect(stdout).not.toContain(ESCAPE);
  });
});
