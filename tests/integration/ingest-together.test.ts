import { asc, count, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import { ingestInboundMessage, ingestWaiting } from '../../lib/domain/ingest';
import { createTestContext, type TestContext } from '../helpers/context';
import { countingDb } from '../helpers/counting-db';
import { customer } from '../helpers/fixtures';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

/**
 * Messages that arrive together while the database is busy are written in shared
 * transactions (lib/domain/ingest.ts). Submitted in one tick, the first two start alone and
 * the rest wait and go together: what each customer sees must not change.
 */
describe.each(databaseTargets())('messages written together on %s', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  const logs: { msg: string; size?: number }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    t.ctx.logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
  });
  afterAll(() => database?.destroy());

  it('30 customers at once, one of them writing three times: a ticket each, every message once, in order, every event', async () => {
    const arrivals = Array.from({ length: 30 }, (_, i) => ({ externalId: `many-${i}`, from: customer(i), text: `halo ${i}` }));
    // The regular customer's three messages are spread among the others.
    arrivals.splice(3, 0, { externalId: 'regular-0', from: customer(99), text: 'pertama' });
    arrivals.splice(10, 0, { externalId: 'regular-1', from: customer(99), text: 'kedua' });
    arrivals.splice(20, 0, { externalId: 'regular-2', from: customer(99), text: 'ketiga' });
    const eventsBefore = t.events.length;
    const counting = countingDb(database.db); // a handle of its own: its own group of writers
    const ctx = { ...t.ctx, db: counting.db };
    const submitted = arrivals.map((arrival) => ingestInboundMessage(ctx, { channel, name: 'Pelanggan', ...arrival }));
    expect(ingestWaiting(counting.db)).toBe(31); // what /metrics reports as loket_ingest_waiting
    const results = await Promise.all(submitted);
    expect(ingestWaiting(counting.db)).toBe(0);
    // Two start alone; the rest share transactions, the regular customer's later messages in later ones.
    expect(counting.counts.transaction).toBeLessThanOrEqual(6);

    expect(results.every((result) => !result.duplicate)).toBe(true);
    expect(new Set(results.map((result) => result.ticket.id)).size).toBe(31);
    expect(results.filter((result) => result.ticketCreated)).toHaveLength(31);
    expect(results.filter((result) => result.botReply)).toHaveLength(31); // one acknowledgement per new ticket

    const regular = results.filter((_, index) => arrivals[index]!.from.phone === customer(99).phone);
    const stored = await database.db
      .select({ text: messages.text, sender: messages.sender })
      .from(messages)
      .where(eq(messages.ticketId, regular[0]!.ticket.id))
      .orderBy(asc(messages.id));
    expect(stored.filter((row) => row.sender === 'customer').map((row) => row.text)).toEqual(['pertama', 'kedua', 'ketiga']);

    const events = t.events.slice(eventsBefore);
    expect(events.filter((event) => event.type === 'ticket.created')).toHaveLength(31);
    expect(events.filter((event) => event.type === 'message.created')).toHaveLength(33 + 31);
    expect(events.filter((event) => event.type === 'outbound.queued')).toHaveLength(31);
    const [open] = await database.db.select({ n: count() }).from(tickets).where(eq(tickets.status, 'pending'));
    expect(open?.n).toBe(31);
  });

  it.runIf(kind === 'postgres')('a full batch of urgent new customers reaches PostgreSQL in a few writes, not one round trip per statement', async () => {
    // Three connections: the two that start alone and the batch's. A connection's first use of a
    // statement waits for its description and then sends the rest one by one, so the first round
    // prepares every statement on all three; the second is measured.
    const own = await createTestDatabase(kind, { maxConnections: 3 });
    try {
      const ownChannel = await ensureChannel(own.db, 'gateway', 'Gateway');
      const ctx = { ...t.ctx, db: own.db };
      // Two start alone; the next 32 (the most one transaction takes) go together, five statements
      // each in the message's round trip (the message, "created", the keyword's priority, the chat
      // handed to agents, the acknowledgement): 160 in one pipeline.
      const ingestAll = (round: number) =>
        Promise.all(
          Array.from({ length: 34 }, (_, i) =>
            ingestInboundMessage(ctx, { channel: ownChannel, externalId: `urgent-${round}-${i}`, from: customer(1000 * round + i), text: `Darurat ${i}, pesanan hilang` }),
          ),
        );
      await ingestAll(1);
      const before = own.writesToServer!();
      const results = await ingestAll(2);
      const writes = own.writesToServer!() - before;

      expect(results.filter((result) => result.ticketCreated && result.ticket.priority === 'urgent')).toHaveLength(34);
      // Each of the three transactions: BEGIN with its first statements, the new tickets, the
      // messages, COMMIT. Statements past postgres.js's pipeline would each add a write and a round trip.
      expect(writes).toBeLessThanOrEqual(3 * 4 + 4);
    } finally {
      await own.destroy();
    }
  });

  it('a redelivered id among them: the batch is written again one by one, the others stored once, the redelivery reported', async () => {
    const original = await ingestInboundMessage(t.ctx, { channel, externalId: 'again-1', from: customer(500), text: 'sekali' });
    const arrivals = Array.from({ length: 12 }, (_, i) => ({ externalId: `batch-${i}`, from: customer(600 + i), text: `pesan ${i}` }));
    arrivals.splice(6, 0, { externalId: 'again-1', from: customer(500), text: 'sekali' });
    logs.length = 0;
    const results = await Promise.all(arrivals.map((arrival) => ingestInboundMessage(t.ctx, { channel, ...arrival })));

    expect(logs.some((line) => line.msg === 'ingest batch written one by one' && (line.size ?? 0) > 1)).toBe(true);
    const redelivered = results[6]!;
    expect(redelivered.duplicate).toBe(true);
    expect(redelivered.message.id).toBe(original.message.id);
    expect(results.filter((result) => result.ticketCreated)).toHaveLength(12);
    for (const arrival of arrivals) {
      const [row] = await database.db.select({ n: count() }).from(messages).where(eq(messages.externalId, arrival.externalId));
      expect(row?.n).toBe(1);
    }
  });
});
