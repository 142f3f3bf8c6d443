import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

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

// Interface text in Indonesian and English; the locale comes from a cookie (i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

export default withNextIntl(nextConfig);
