import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import { DomainError } from '../../lib/domain/errors';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { claimTicket } from '../../lib/domain/tickets';
import type { Actor } from '../../lib/domain/context';
import { createTestContext, insertActors, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const customer = (n: number) => {
  const phone = `62811${String(n).padStart(7, '0')}`;
  return { phone, phoneJid: `${phone}@s.whatsapp.net`, lidJid: null };
};

describe.each(databaseTargets())('races on %s', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let agents: Actor[];

  beforeAll(async () => {
    database = await createTestDatabase(kind, { maxConnections: 60 });
    t = createTestContext(database.db);
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    agents = await insertActors(database.db, 'agent', Array.from({ length: 50 }, (_, i) => `Agent ${i}`));
  });
  afterAll(() => database?.destroy());

  it('50 agents claiming one ticket at once: exactly one wins, 49 get a 409 naming the winner', async () => {
    const rounds = kind === 'postgres' ? 20 : 3;
    for (let round = 0; round < rounds; round++) {
      const { ticket } = await ingestInboundMessage(t.ctx, {
        channel,
        externalId: `claim-${round}`,
        from: customer(1000 + round),
        text: 'tolong',
      });
      const results = await Promise.allSettled(agents.map((actor) => claimTicket(t.ctx, { ticketId: ticket.id, actor })));
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      for (const loser of losers) {
        expect(loser.reason).toBeInstanceOf(DomainError);
        expect((loser.reason as DomainError).status).toBe(409);
      }
      const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof claimTicket>>>).value;
      const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
      expect(row?.status).toBe('assigned');
      expect(row?.assignedAgentId).toBe(winner.assigned_agent_id);
      expect((losers[0]!.reason as DomainError).details?.assigned_agent_id).toBe(winner.assigned_agent_id);
    }
  });

  it('50 messages at once from one new customer make one ticket holding all 50 messages', async () => {
    const from = customer(5000);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ingestInboundMessage(t.ctx, { channel, externalId: `burst-${i}`, from, name: 'Siti', text: `pesan ${i}` }),
      ),
    );
    const ticketIds = new Set(results.map((r) => r.ticket.id));
    expect(ticketIds.size).toBe(1);
    expect(results.filter((r) => r.ticketCreated)).toHaveLength(1);
    const [ticketId] = [...ticketIds];
    const [stored] = await database.db.select({ n: count() }).from(messages).where(eq(messages.ticketId, ticketId!));
    // 50 customer messages plus the one acknowledgement from the bot.
    expect(stored?.n).toBe(51);
    const bot = results.flatMap((r) => (r.botReply ? [r.botReply] : []));
    expect(bot).toHaveLength(1);
  });

  it('the same message id delivered 20 times at once is stored once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ingestInboundMessage(t.ctx, { channel, externalId: 'dup-1', from: customer(6000), text: 'halo' }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    const [stored] = await database.db.select({ n: count() }).from(messages).where(eq(messages.externalId, 'dup-1'));
    expect(stored?.n).toBe(1);
  });
});
