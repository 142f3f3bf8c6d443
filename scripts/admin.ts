// Loket's admin command line (DESIGN.md "Contracts"):
//   npm run admin -- create-user --email E --password P --name N --role agent|supervisor|admin
//   npm run admin -- create-token --email E [--name N]      (the token is the last line printed)
// With the embedded database, run it while the server is stopped (PGlite is single-process).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiToken } from '../lib/auth/api-tokens';
import { loadConfig } from '../lib/config';
import { openDatabase } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { DomainError } from '../lib/domain/errors';
import { createUser, findUserByEmail, newUserSchema } from '../lib/domain/users';

const USAGE = `usage:
  npm run admin -- create-user --email E --password P --name N --role agent|supervisor|admin
  npm run admin -- create-token --email E [--name N]`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'create-user' && command !== 'create-token') {
    console.error(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    if (command === 'create-user') {
      const input = newUserSchema.parse({ email: values.email, password: values.password, name: values.name, role: values.role });
      const user = await createUser(database.db, input);
      console.log(`created ${user.role} ${user.email} (id ${user.id})`);
      return 0;
    }
    const email = z.string().email('--email is required').parse(values.email);
    const user = await findUserByEmail(database.db, email);
    if (!user) {
      console.error(`no user with email ${email}`);
      return 1;
    }
    const { token } = await createApiToken(database.db, { userId: user.id, name: values.name ?? 'command line', now: new Date() });
    console.log(`token for ${user.email} (${user.role}); it is shown only now:`);
    console.log(token);
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof z.ZodError) console.error(error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
    else if (error instanceof DomainError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
