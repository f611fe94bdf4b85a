import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fixture file: its name (without `.json`) and raw text exactly as stored. */
export interface FixtureFile {
  readonly name: string;
  readonly raw: string;
}

const root = join(import.meta.dirname, '..', '..', 'fixtures');

/** The fixture files of one folder (`valid`, `unknown` or `invalid`), sorted by name. */
export function readFixtures(kind: 'valid' | 'unknown' | 'invalid'): FixtureFile[] {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.slice(0, -5), raw: readFileSync(join(dir, file), 'utf8') }));
}

/** A valid fixture parsed into a fresh object, safe to modify. */
export function fixtureObject(name: string): Record<string, unknown> {
  const file = readFixtures('valid').find((fixture) => fixture.name === name);
  if (file === undefined) throw new Error(`no valid fixture named ${name}`);
  return JSON.parse(file.raw) as Record<string, unknown>;
}
