/**
 * The valibot schemas are TypeScript inside `src/`, so the bench bundles them once into
 * `bench/.tmp/` (git-ignored) and imports the result. valibot stays external, so the schemas and
 * the bench's `safeParse` come from the same installed copy.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = join(import.meta.dirname, '..', '..');

/** Bundles `src/core/schemas.ts` and returns its module. */
export async function loadSchemas() {
  const outdir = join(repo, 'bench', '.tmp');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'schemas.mjs');
  await build({
    entryPoints: [join(repo, 'src', 'core', 'schemas.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['valibot'],
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}
