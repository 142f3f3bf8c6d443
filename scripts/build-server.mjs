// The custom server and the admin CLI, bundled for production (`npm run build:server`).
// Split into chunks so that what is imported lazily (Baileys, with the first WhatsApp number)
// stays out of the start-up path; tests/unit/server-bundle.test.ts holds that.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

/** @type {import('esbuild').BuildOptions} */
export const serverBuild = {
  entryPoints: ['server/index.ts', 'scripts/admin.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  alias: { '@': '.' },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build(serverBuild);
