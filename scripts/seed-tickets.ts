// Fills a database with a busy desk's history for trying the supervisor pages and benchmarking:
//   npm run seed:tickets -- --count 100000 [--days 60] [--agents 12]
// into DATABASE_URL, or the embedded database in LOKET_DATA_DIR (stop the server first).
import { parseArgs } from 'node:util';
import { openDatabase } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { seedTickets } from '../lib/db/seed-tickets';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    days: { type: 'string', default: '60' },
    agents: { type: 'string', default: '12' },
  },
});
const count = Number(values.count);
const days = Number(values.days);
const agents = Number(values.agents);
if (![count, days, agents].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: npm run seed:tickets -- --count <n> [--days 60] [--agents 12] (positive whole numbers)');
  process.exit(2);
}

const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.LOKET_DATA_DIR ?? './data', maxConnections: 2 });
try {
  await migrateDatabase(database);
  const seeded = await seedTickets(database.db, { count, days, agents });
  console.log(
    `seeded ${seeded.tickets} tickets and ${seeded.messages} messages over ${days} days into ${database.location} in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
