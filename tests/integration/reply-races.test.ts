import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, messages, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { createReply } from '../../lib/domain/messages';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import { createActor, createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';

const failures = (results: PromiseSettledResult<unknown>[]) =>
  results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message).split('\n')[0]] : []));

/**
 * The agent and the customer write at the same moment all day long. Neither side's write
 * may fail because of the other (on PostgreSQL: no deadlock between the two transactions).
 */
describe.each(databaseTargets())('agent and customer writing at once on %s', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let sari: Actor;
  const rounds = kind === 'postgres' ? 12 : 3;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    sari = await createActor(database.db, 'agent', 'Sari');
  });
  afterAll(() => database?.destroy());

  it('replies racing incoming messages all succeed and are all stored', async () => {
    for (let round = 0; round < rounds; round++) {
      const customerNo = 7000 + round;
      const { ticket } = await ingestInboundMessage(t.ctx, inbound(channel, customerNo));
      await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
      const results = await Promise.allSettled([
        ...Array.from({ length: 3 }, (_, k) => createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: `balasan ${k}` })),
        ...Array.from({ length: 3 }, () => ingestInboundMessage(t.ctx, inbound(channel, customerNo))),
      ]);
      expect(failures(results)).toEqual([]);
      const stored = await database.db.select().from(messages).where(eq(messages.ticketId, ticket.id));
      // 1 + 3 from the customer, 1 acknowledgement, 3 replies.
      expect(stored).toHaveLength(8);
    }
  });

  it('resolving while the customer writes succeeds; their message lands in the old ticket or opens a new one', async () => {
    for (let round = 0; round < rounds; round++) {
      const customerNo = 8000 + round;
      const { ticket } = await ingestInboundMessage(t.ctx, inbound(channel, customerNo));
      await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
      const results = await Promise.allSettled([
        resolveTicket(t.ctx, { ticketId: ticket.id, actor: sari }),
        ...Array.from({ length: 3 }, () => ingestInboundMessage(t.ctx, inbound(channel, customerNo))),
      ]);
      expect(failures(results)).toEqual([]);
      const [chat] = await database.db.select().from(chats).where(eq(chats.id, ticket.chat_id));
      const open = (await database.db.select().from(tickets).where(eq(tickets.chatId, ticket.chat_id))).filter((x) => x.status !== 'resolved');
      // The chat's mode agrees with whether a ticket is open: no customer left talking to nobody.
      expect(chat?.mode).toBe(open.length ? 'agent' : 'bot');
    }
  });
});
