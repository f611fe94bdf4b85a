import { defineConfig } from 'vitest/config';

/** Load and soak tests take minutes; CI runs them as their own step (`npm run test:slow`). */
const slow = ['test/robustness/load.test.ts', 'test/robustness/soak.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      'test/e2e/next-app/**',
      ...(process.env.SLOW_TESTS ? [] : slow),
    ],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
    testTimeout: 20_000,
    hookTimeout: 240_000,
  },
});
