import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
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

export default nextConfig;
