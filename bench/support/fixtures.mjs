import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', 'fixtures');

/** The fixtures of one folder as `{ name, raw }`, sorted by name. */
export function readFixtures(kind) {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.slice(0, -5), raw: readFileSync(join(dir, file), 'utf8') }));
}

/** Every event the parser must accept, valid then unknown-type, as `{ name, raw, value }`. */
export const acceptedFixtures = () =>
  [...readFixtures('valid'), ...readFixtures('unknown')].map((fixture) => ({
    ...fixture,
    value: JSON.parse(fixture.raw),
  }));
