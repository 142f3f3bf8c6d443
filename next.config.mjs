import { PHASE_PRODUCTION_SERVER } from 'next/constants.js';

// Plain JavaScript, not TypeScript: Next.js reads this file again when the production server starts,
// and a .ts config made it load its native SWC compiler (~26 MiB resident) to transpile it.

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages stay in node_modules: the custom server and the route bundles
  // then share one copy of each (and one database handle through globalThis).
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    'pino',
    'better-auth',
    'drizzle-orm',
    'socket.io',
    '@whiskeysockets/baileys',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

/**
 * Interface text in Indonesian and English; the locale comes from a cookie (i18n/request.ts).
 * next-intl's plugin only adds bundler aliases, which matter when building. The production server
 * skips it: the plugin loads a compiler and a file watcher (~14 MiB resident) it never uses there.
 */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import('next-intl/plugin');
  return createNextIntlPlugin('./i18n/request.ts')(nextConfig);
}
