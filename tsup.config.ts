import { defineConfig, type Options } from 'tsup';

/**
 * Every public entry point. The list is built twice: into `dist/` for any runtime (Web Crypto
 * only), and into `dist/runtime-node/` for the `node` export condition, where
 * `src/signature/hmac.ts` is swapped for its `node:crypto` twin because Node's native HMAC is an
 * order of magnitude faster. Types come from the first build and serve both.
 */
const entry = {
  index: 'src/index.ts',
  'web/index': 'src/adapters/web/index.ts',
  'next/index': 'src/adapters/next/index.ts',
  'hono/index': 'src/adapters/hono/index.ts',
  'express/index': 'src/adapters/express/index.ts',
  'node/index': 'src/adapters/node/index.ts',
  'testing/index': 'src/testing/index.ts',
};

const shared: Options = {
  entry,
  format: ['esm', 'cjs'],
  target: 'es2022',
  splitting: true,
  treeshake: true,
  noExternal: ['valibot'],
  minifySyntax: true,
};

const nodeHmac: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'node-hmac',
  setup(build) {
    build.onResolve({ filter: /[\\/]hmac(\.js)?$/ }, (args) =>
      args.importer.includes('src/signature')
        ? { path: `${args.resolveDir}/hmac.node.ts` }
        : undefined,
    );
  },
};

export default defineConfig([
  { ...shared, outDir: 'dist', platform: 'neutral', dts: true },
  { ...shared, outDir: 'dist/runtime-node', platform: 'node', esbuildPlugins: [nodeHmac] },
  // The CLI only ever runs on Node: one ES module file behind the package's `bin`.
  {
    entry: { index: 'src/cli/index.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    outDir: 'dist/cli',
    noExternal: ['valibot'],
    esbuildPlugins: [nodeHmac],
  },
]);
