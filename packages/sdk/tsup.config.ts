import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The client (dist/index.*), and the generated client whole, serialisers included (dist/generated.*:
    // '@messaging-app/sdk/generated'), which keeps them off the top level.
    entry: { index: 'src/index.ts', generated: 'src/generated/index.ts' },
    // .mjs for import, .js for require, each with its own declaration file.
    format: ['esm', 'cjs'],
    // What both entries use goes into one shared chunk, for require as for import: one copy of the
    // generated code in the package, and one class per error or enum whichever entry it came from.
    splitting: true,
    dts: true,
    // The build tsconfig has no Node types, so a Node-only API used by mistake fails the build.
    tsconfig: 'tsconfig.build.json',
    // Browsers and every supported Node have these features; nothing needs down-levelling.
    target: 'es2022',
    platform: 'neutral',
    // The output is unminified and readable; maps would triple the package for little gain.
    sourcemap: false,
    clean: true,
    treeshake: true,
  },
  {
    // One ES module for <script type="module"> without a bundler (the API's /demo/ page loads it).
    entry: { index: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    outExtension: () => ({ js: '.js' }),
    dts: false,
    tsconfig: 'tsconfig.build.json',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    sourcemap: false,
    treeshake: true,
  },
]);
