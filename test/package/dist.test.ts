/**
 * What the build ships: no dependency at all, and web-standard code wherever a runtime other
 * than Node may load it. `npm test` builds `dist/` before running this.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const dist = join(repo, 'dist');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.c?js$/.test(entry.name) ? [path] : [];
  });
}

/** The module specifiers a built file imports, statically, dynamically or with require. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** A file and every file it imports, following relative specifiers. */
function closure(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const specifier of specifiers(readFileSync(entry, 'utf8'))) {
    if (specifier.startsWith('.')) closure(join(dirname(entry), specifier), seen);
  }
  return seen;
}

/** Every file the exports map serves for `subpath` under conditions other than `node`. */
function nonNodeTargets(subpath: string): string[] {
  const conditions = pkg.exports[subpath] as Record<string, { default: string }>;
  return Object.entries(conditions)
    .filter(([condition]) => condition !== 'node')
    .map(([, target]) => join(repo, target.default));
}

describe('the built package', () => {
  it('declares no runtime dependencies', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('imports nothing but its own files, and Node built-ins only in the Node-only builds', () => {
    const files = filesUnder(dist);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((file) => {
      const nodeOnly = /^(runtime-node|cli)\//.test(relative(dist, file));
      return specifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => !specifier.startsWith('.'))
        .filter((specifier) => !(nodeOnly && isNodeBuiltin(specifier)))
        .map((specifier) => `${relative(repo, file)} imports ${specifier}`);
    });
    expect(offending).toEqual([]);
  });

  it.each(['.', './web', './next', './hono'])(
    'serves %s without node: imports or Buffer under every condition but node',
    (subpath) => {
      const files = nonNodeTargets(subpath).flatMap((target) => [...closure(target)]);
      expect(files.every((file) => existsSync(file))).toBe(true);
      const offending = files.filter((file) => {
        const code = readFileSync(file, 'utf8');
        return specifiers(code).some((s) => s.startsWith('node:')) || /\bBuffer\s*[.(]/.test(code);
      });
      expect(offending.map((file) => relative(repo, file))).toEqual([]);
    },
  );
});

function isNodeBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith('node:') || ['crypto', 'http', 'util', 'fs/promises'].includes(specifier)
  );
}
