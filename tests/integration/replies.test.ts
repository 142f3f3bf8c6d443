import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { DomainError } from '../../lib/domain/errors';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { createReply, listTicketMessages } from '../../lib/domain/messages';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import { createActor, createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe.each(databaseTargets())('replies on %s', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let sari: Actor;
  let budi: Actor;
  let supervisor: Actor;
  let admin: Actor;
  let n = 200;

  /** A ticket Sari has claimed, with one customer message waiting. */
  async function sarisTicket() {
    const { ticket } = await ingestInboundMessage(t.ctx, inbound(channel, (n += 1), { text: 'paket saya belum datang' }));
    await claimTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    return ticket;
  }
  const agentReplies = (ticketId: number) =>
    database.db.select().from(messages).where(and(eq(messages.ticketId, ticketId), eq(messages.sender, 'agent')));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    [sari, budi, supervisor, admin] = await Promise.all([
      createActor(database.db, 'agent', 'Sari'),
      createActor(database.db, 'agent', 'Budi'),
      createActor(database.db, 'supervisor', 'Dewi'),
      createActor(database.db, 'admin', 'Adi'),
    ]);
  });
  afterAll(() => database?.destroy());

  it('the assignee’s reply is stored queued, marks the first response, clears unread, and is announced for sending', async () => {
    const ticket = await sarisTicket();
    t.clock.advance(42_000);
    const before = t.events.length;
    const reply = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Baik kak, kami cek dulu ya' });
    expect(reply).toMatchObject({
      ticket_id: ticket.id,
      chat_id: ticket.chat_id,
      direction: 'out',
      sender: 'agent',
      author_id: sari.id,
      author_name: 'Sari',
      text: 'Baik kak, kami cek dulu ya',
      status: 'queued',
    });
    const published = t.events.slice(before);
    expect(published.map((e) => e.type)).toEqual(['message.created', 'outbound.queued', 'ticket.updated']);
    expect(published[1]).toEqual({ type: 'outbound.queued', messageId: reply.id, channelId: channel.id, chatId: ticket.chat_id });
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row?.firstResponseAt).toEqual(t.clock.now());
    expect(row?.unreadCount).toBe(0);

    // The first response time is the first reply's, not the latest.
    const firstResponse = t.clock.now();
    t.clock.advance(60_000);
    await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Sudah kami teruskan ke kurir' });
    const [later] = await database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(later?.firstResponseAt).toEqual(firstResponse);

    const thread = await listTicketMessages(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(thread.map((m) => m.sender)).toEqual(['customer', 'bot', 'agent', 'agent']);
  });

  it('another agent may not reply (403), nor may anyone before a claim, but supervisors and admins may', async () => {
    const ticket = await sarisTicket();
    expect(await rejection(createReply(t.ctx, { ticketId: ticket.id, actor: budi, text: 'saya bantu' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const { ticket: unclaimed } = await ingestInboundMessage(t.ctx, inbound(channel, (n += 1)));
    expect((await rejection(createReply(t.ctx, { ticketId: unclaimed.id, actor: budi, text: 'halo' }))).status).toBe(403);
    expect(await agentReplies(ticket.id)).toHaveLength(0);
    expect(await agentReplies(unclaimed.id)).toHaveLength(0);

    await expect(createReply(t.ctx, { ticketId: ticket.id, actor: supervisor, text: 'Supervisor di sini' })).resolves.toMatchObject({
      author_id: supervisor.id,
    });
    await expect(createReply(t.ctx, { ticketId: ticket.id, actor: admin, text: 'Admin di sini' })).resolves.toMatchObject({
      author_id: admin.id,
    });
    expect(await agentReplies(ticket.id)).toHaveLength(2);
  });

  it('a resolved ticket takes no replies (409) and an unknown one is 404', async () => {
    const ticket = await sarisTicket();
    await resolveTicket(t.ctx, { ticketId: ticket.id, actor: sari });
    expect(await rejection(createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'satu lagi' }))).toMatchObject({
      status: 409,
      code: 'ticket_resolved',
    });
    expect(await rejection(createReply(t.ctx, { ticketId: 987_654, actor: supervisor, text: 'halo' }))).toMatchObject({
      status: 404,
    });
    expect(await agentReplies(ticket.id)).toHaveLength(0);
  });

  it('the same client_id twice (a double click, a retried request) stores one message and returns it both times', async () => {
    const ticket = await sarisTicket();
    const first = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Halo kak', clientId: 'tab-1-msg-0001' });
    const before = t.events.length;
    const second = await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Halo kak', clientId: 'tab-1-msg-0001' });
    expect(second.id).toBe(first.id);
    expect(second.client_id).toBe('tab-1-msg-0001');
    expect(t.events.length).toBe(before);
    expect(await agentReplies(ticket.id)).toHaveLength(1);
    // A different client id is a different message.
    await createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'Halo kak', clientId: 'tab-1-msg-0002' });
    expect(await agentReplies(ticket.id)).toHaveLength(2);
  });

  it('five racing submissions of one client_id store one message, all get its id, and it is queued for sending once', async () => {
    const ticket = await sarisTicket();
    const before = t.events.length;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createReply(t.ctx, { ticketId: ticket.id, actor: sari, text: 'cepat', clientId: 'race-client-01' })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await agentReplies(ticket.id)).toHaveLength(1);
    const queued = t.events.slice(before).filter((e) => e.type === 'outbound.queued');
    expect(queued).toHaveLength(1);
  });
});
