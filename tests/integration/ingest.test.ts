import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, contacts, messages, ticketEvents, tickets } from '../../lib/db/schema';
import type { ChannelRow } from '../../lib/db/schema';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { DEFAULT_ACK_TEXT, updateBotSettings } from '../../lib/domain/settings';
import { resolveTicket } from '../../lib/domain/tickets';
import { createActor, createTestContext, type TestContext } from '../helpers/context';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { customer, inbound, rowCounts } from '../helpers/fixtures';

describe.each(databaseTargets())('ingest on %s: a customer message becomes a ticket', (kind) => {
  let database: TestDatabase;
  let t: TestContext;
  let channel: ChannelRow;
  let supervisor: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = createTestContext(database.db);
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    supervisor = await createActor(database.db, 'supervisor');
  });
  afterAll(() => database?.destroy());

  const botMessages = (ticketId: number) =>
    database.db.select().from(messages).where(and(eq(messages.ticketId, ticketId), eq(messages.sender, 'bot')));
  const chatOf = async (chatId: number) => (await database.db.select().from(chats).where(eq(chats.id, chatId)))[0]!;

  it('the first message makes contact, chat (agent mode), a pending medium ticket, the message and one Indonesian acknowledgement', async () => {
    const result = await ingestInboundMessage(t.ctx, inbound(channel, 1, { name: 'Budi', text: 'Halo, pesanan saya belum sampai' }));
    expect(result).toMatchObject({ duplicate: false, ticketCreated: true });
    expect(result.ticket).toMatchObject({
      status: 'pending',
      priority: 'medium',
      assigned_agent_id: null,
      customer_name: 'Budi',
      customer_phone: customer(1).phone,
      unread_count: 1,
      preview: 'Halo, pesanan saya belum sampai',
    });

    const [contact] = await database.db.select().from(contacts).where(eq(contacts.id, result.ticket.contact_id));
    expect(contact).toMatchObject({ phone: customer(1).phone, phoneJid: customer(1).phoneJid, lidJid: null, name: 'Budi' });
    expect((await chatOf(result.ticket.chat_id)).mode).toBe('agent');

    const stored = await database.db.select().from(messages).where(eq(messages.ticketId, result.ticket.id)).orderBy(messages.id);
    expect(stored.map((m) => [m.direction, m.sender, m.status])).toEqual([
      ['in', 'customer', 'delivered'],
      ['out', 'bot', 'queued'],
    ]);
    expect(stored[0]!.text).toBe('Halo, pesanan saya belum sampai');
    expect(stored[1]!.text).toBe(DEFAULT_ACK_TEXT);
    expect(DEFAULT_ACK_TEXT).toMatch(/^Terima kasih telah menghubungi kami/);
    expect(result.botReply).toMatchObject({ id: stored[1]!.id, sender: 'bot', status: 'queued' });

    const events = await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, result.ticket.id));
    expect(events).toEqual([expect.objectContaining({ type: 'created', actorId: null, data: { priority: 'medium', message_id: stored[0]!.id } })]);
    // A text message has no media and no raw form: SQL NULL, not a JSON null (searches filter on IS NULL).
    const [nulls] = await database.db
      .select({ media: sql<boolean>`${messages.media} is null`, raw: sql<boolean>`${messages.raw} is null` })
      .from(messages)
      .where(eq(messages.id, stored[0]!.id));
    expect(nulls).toEqual({ media: true, raw: true });
  });

  it('a second message joins the same ticket: no second bot reply, unread goes up', async () => {
    const first = await ingestInboundMessage(t.ctx, inbound(channel, 2, { text: 'halo' }));
    t.clock.advance(30_000);
    const before = t.events.length;
    const second = await ingestInboundMessage(t.ctx, inbound(channel, 2, { text: 'halo?? ada orang?' }));

    expect(second).toMatchObject({ duplicate: false, ticketCreated: false, botReply: null });
    expect(second.ticket.id).toBe(first.ticket.id);
    expect(second.ticket.unread_count).toBe(2);
    expect(second.ticket.preview).toBe('halo');
    expect(second.ticket.last_message_at).toBe(t.clock.now().toISOString());
    // The first unanswered message still starts the response clock; no keyword, so the priority stays.
    expect(second.ticket.priority).toBe(first.ticket.priority);
    const [row] = await database.db.select().from(tickets).where(eq(tickets.id, first.ticket.id));
    expect(row!.awaitingReplySince).toEqual(new Date(first.ticket.last_message_at!));
    expect(await botMessages(first.ticket.id)).toHaveLength(1);
    expect((await chatOf(first.ticket.chat_id)).lastMessageAt).toEqual(t.clock.now());
    // Only activity: no new ticket, nothing queued for sending.
    expect(t.events.slice(before).map((e) => e.type)).toEqual(['ticket.updated', 'message.created']);
    expect(t.events[before]).toMatchObject({ scope: 'activity' });
  });

  it('after resolve the chat is back in bot mode and the next message opens a new ticket with a new acknowledgement', async () => {
    const first = await ingestInboundMessage(t.ctx, inbound(channel, 3));
    await resolveTicket(t.ctx, { ticketId: first.ticket.id, actor: supervisor });
    expect((await chatOf(first.ticket.chat_id)).mode).toBe('bot');

    const next = await ingestInboundMessage(t.ctx, inbound(channel, 3, { text: 'satu lagi pertanyaan' }));
    expect(next.ticketCreated).toBe(true);
    expect(next.ticket.id).not.toBe(first.ticket.id);
    expect(next.ticket.chat_id).toBe(first.ticket.chat_id);
    expect(next.botReply).not.toBeNull();
    expect(await botMessages(next.ticket.id)).toHaveLength(1);
    expect((await chatOf(next.ticket.chat_id)).mode).toBe('agent');
    const [old] = await database.db.select().from(tickets).where(eq(tickets.id, first.ticket.id));
    expect(old?.status).toBe('resolved');
  });

  it('the acknowledgement text comes from the settings, and none is sent when it is turned off', async () => {
    try {
      await updateBotSettings(database.db, { ack_enabled: true, ack_text: 'Halo! Tim kami segera membalas.' }, t.clock.now());
      const custom = await ingestInboundMessage(t.ctx, inbound(channel, 4));
      expect(custom.botReply?.text).toBe('Halo! Tim kami segera membalas.');

      await updateBotSettings(database.db, { ack_enabled: false, ack_text: 'unused' }, t.clock.now());
      const before = t.events.length;
      const silent = await ingestInboundMessage(t.ctx, inbound(channel, 5));
      expect(silent.ticketCreated).toBe(true);
      expect(silent.botReply).toBeNull();
      expect(await botMessages(silent.ticket.id)).toHaveLength(0);
      // The ticket still takes the chat away from the bot.
      expect((await chatOf(silent.ticket.chat_id)).mode).toBe('agent');
      expect(t.events.slice(before).map((e) => e.type)).toEqual(['ticket.created', 'message.created']);
    } finally {
      await updateBotSettings(database.db, { ack_enabled: true, ack_text: DEFAULT_ACK_TEXT }, t.clock.now());
    }
  });

  it('publishes ticket.created, message.created (customer, then bot) and outbound.queued, after the commit', async () => {
    const seenCommitted: Array<Promise<boolean>> = [];
    // A listener reading the ticket from the database must find it: events go out after commit.
    const unsubscribe = t.ctx.bus.subscribe((event) => {
      if (event.type === 'ticket.created') {
        seenCommitted.push(database.db.select().from(tickets).where(eq(tickets.id, event.ticket.id)).then((rows) => rows.length === 1));
      }
    });
    const before = t.events.length;
    const result = await ingestInboundMessage(t.ctx, inbound(channel, 6));
    unsubscribe();
    const published = t.events.slice(before);
    expect(published.map((e) => e.type)).toEqual(['ticket.created', 'message.created', 'message.created', 'outbound.queued']);
    expect(published[0]).toMatchObject({ ticket: { id: result.ticket.id, status: 'pending' } });
    expect(published[1]).toMatchObject({ message: { id: result.message.id, sender: 'customer' }, assigneeId: null });
    expect(published[2]).toMatchObject({ message: { id: result.botReply!.id, sender: 'bot' } });
    expect(published[3]).toEqual({ type: 'outbound.queued', messageId: result.botReply!.id, channelId: channel.id, chatId: result.ticket.chat_id });
    expect(await Promise.all(seenCommitted)).toEqual([true]);
  });

  it('a failed transaction publishes nothing and stores nothing', async () => {
    const countsBefore = await rowCounts(database.db);
    const before = t.events.length;
    // A channel that does not exist: the first insert fails inside the transaction.
    await expect(ingestInboundMessage(t.ctx, inbound({ id: 999_999, name: 'Nowhere', kind: 'gateway' }, 7))).rejects.toThrow();
    expect(t.events.length).toBe(before);
    expect(await rowCounts(database.db)).toEqual(countsBefore);
  });

  it('the same message id again is a duplicate: same ids back, nothing stored, nothing published', async () => {
    const message = inbound(channel, 8);
    const first = await ingestInboundMessage(t.ctx, message);
    const countsBefore = await rowCounts(database.db);
    const before = t.events.length;
    const again = await ingestInboundMessage(t.ctx, { ...message, text: 'redelivered' });
    expect(again).toMatchObject({ duplicate: true, ticketCreated: false, botReply: null });
    expect(again.message.id).toBe(first.message.id);
    expect(again.ticket.id).toBe(first.ticket.id);
    expect(again.ticket.unread_count).toBe(1);
    expect(t.events.length).toBe(before);
    expect(await rowCounts(database.db)).toEqual(countsBefore);
  });

  it('a redelivered id claiming another sender leaves no stray contact, chat or ticket behind', async () => {
    const message = inbound(channel, 9);
    await ingestInboundMessage(t.ctx, message);
    const countsBefore = await rowCounts(database.db);
    const again = await ingestInboundMessage(t.ctx, { ...message, from: customer(10) });
    expect(again.duplicate).toBe(true);
    expect(await rowCounts(database.db)).toEqual(countsBefore);
    expect(await database.db.select().from(contacts).where(eq(contacts.phone, customer(10).phone))).toHaveLength(0);
  });

  it('a LID-only customer gets a ticket without a phone, and their next message joins it', async () => {
    const from = { phone: null, phoneJid: null, lidJid: '207788990011223@lid' };
    const first = await ingestInboundMessage(t.ctx, inbound(channel, 11, { from, name: 'Anon' }));
    const second = await ingestInboundMessage(t.ctx, inbound(channel, 11, { from, name: null }));
    expect(first.ticket).toMatchObject({ customer_phone: null, customer_name: 'Anon' });
    expect(second.ticket.id).toBe(first.ticket.id);
    // A message without a push name keeps the name we know.
    expect(second.ticket.customer_name).toBe('Anon');
  });

  it('a push name change is picked up; a priority from the channel is kept', async () => {
    await ingestInboundMessage(t.ctx, inbound(channel, 12, { name: 'budi' }));
    const renamed = await ingestInboundMessage(t.ctx, inbound(channel, 12, { name: 'Budi Santoso' }));
    expect(renamed.ticket.customer_name).toBe('Budi Santoso');
    const urgent = await ingestInboundMessage(t.ctx, inbound(channel, 13, { priority: 'urgent' }));
    expect(urgent.ticket.priority).toBe('urgent');
  });
});
