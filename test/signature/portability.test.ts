import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const directory = join(import.meta.dirname, '../../src/signature');
const sources = readdirSync(directory).filter((name) => name.endsWith('.ts'));

describe('portability of src/signature', () => {
  it('has sources to check', () => {
    expect(sources).toContain('verify.ts');
    expect(sources).toContain('hmac.node.ts');
  });

  it('uses no Buffer, node: import or require outside hmac.node.ts', () => {
    for (const name of sources.filter((file) => file !== 'hmac.node.ts')) {
      const code = readFileSync(join(directory, name), 'utf8');
      expect(code, name).not.toMatch(/\bBuffer\b/);
      expect(code, name).not.toMatch(/['"]node:/);
      expect(code, name).not.toMatch(/\brequire\(/);
    }
  });

  it('imports the HMAC through the extensionless ./hmac path the node build swaps', () => {
    const importers = sources.filter((name) =>
      /from '\.\/hmac(\.node)?'/.test(readFileSync(join(directory, name), 'utf8')),
    );
    expect(importers).toEqual(['scheme.ts']);
    expect(readFileSync(join(directory, 'scheme.ts'), 'utf8')).toContain("from './hmac';");
  });
});
