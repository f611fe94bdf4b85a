import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { eventTable } from '../support/event-table';

const repo = resolve(import.meta.dirname, '..', '..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** Every fenced block tagged `ts` or `typescript`, with the line it starts on. */
function codeBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const fence = /^```(ts|typescript)\s*$([\s\S]*?)^```\s*$/gm;
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ line, code: match[2] ?? '' });
  }
  return blocks;
}

/** How the README's imports resolve: to this repository's sources, as the exports map does. */
const paths: Record<string, string[]> = {
  'voiceflow-webhooks': ['src/index.ts'],
  'voiceflow-webhooks/*': ['src/adapters/*/index.ts'],
  'voiceflow-webhooks/testing': ['src/testing/index.ts'],
};

// Inside the repository, so that blocks importing express, hono or ioredis resolve them.
const cacheDir = join(repo, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const workDir = mkdtempSync(join(cacheDir, 'readme-blocks-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('README', () => {
  it('shows the event table generated from the validator declarations', () => {
    const start = readme.indexOf('<!-- event-table:start');
    const end = readme.indexOf('<!-- event-table:end -->');
    const table = readme.slice(readme.indexOf('\n', start) + 1, end).trim();
    expect(table).toBe(eventTable());
  });

  it('shows the Redis idempotency recipe exactly as tested against a real Redis server', () => {
    const tested = readFileSync(join(repo, 'test/integration/redis-store.ts'), 'utf8')
      .replace("'../../src/http/index'", "'voiceflow-webhooks'")
      .trim();
    expect(codeBlocks(readme).map((block) => block.code.trim())).toContain(tested);
  });

  it('has code blocks that all type-check against the package', () => {
    const blocks = codeBlocks(readme);
    expect(blocks.length).toBeGreaterThan(3);
    const files = blocks.map(({ line, code }) => {
      const file = join(workDir, `readme-line-${line}.ts`);
      // Each block is its own module so that blocks may reuse names.
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      exactOptionalPropertyTypes: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      typeRoots: [join(repo, 'node_modules', '@types')],
      baseUrl: repo,
      paths,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || files.includes(resolve(d.file.fileName)))
      .map((d) => {
        const where = d.file
          ? `${d.file.fileName.split('/').at(-1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
          : '';
        return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });
});
