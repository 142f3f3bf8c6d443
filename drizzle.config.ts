import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and applied by the server at start-up
// (lib/db/migrate.ts), so drizzle-kit never needs a live database here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './drizzle',
});
