import type { WAMessage } from '@whiskeysockets/baileys';
import { and, count, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, messages, ticketEvents, tickets } from '../../lib/db/schema';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { updateBotSettings, updateSettings, whatsappSettings } from '../../lib/domain/settings';
import { getTicketView } from '../../lib/domain/ticket-views';
import { claimTicket } from '../../lib/domain/tickets';
import type { DomainEvent } from '../../lib/realtime/bus';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { eventually, nextLid, nextPhone, startWaServer, text, type TestSocket, type WaServer } from '../helpers/whatsapp';

const pn = () => `${nextPhone()}@s.whatsapp.net`;

describe.each(databaseTargets())('WhatsApp inbound on %s', (kind) => {
  let wa: WaServer;
  let sock: TestSocket;
  let channelId: number;
  let agent: Actor;

  beforeAll(async () => {
    wa = await startWaServer(kind);
    const now = wa.clock.now();
    await updateBotSettings(wa.db, { ack_enabled: false, ack_text: 'ack' }, now);
    await updateSettings(wa.db, whatsappSettings, { mark_read_on_open: true, send_interval_ms: 1_000, send_jitter_ms: 0 }, now);
    agent = await createActor(wa.db, 'agent', 'Ani');
    ({ channelId, sock } = await wa.linkNumber('Inbound'));
  });
  afterAll(() => wa?.close());

  /** The stored view of a message, once its message.created (since `from`) arrived. */
  const created = async (m: WAMessage, from: number) =>
    ((await wa.waitMessage(m.key.id!, from)) as Extract<DomainEvent, { type: 'message.created' }>).message;
  const rowsOf = (m: WAMessage) => wa.message(channelId, m.key.id!);
  const contactsWith = (...jids: string[]) =>
    wa.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.channelId, channelId), or(...jids.flatMap((j) => [eq(contacts.phoneJid, j), eq(contacts.lidJid, j)]))));
  const countOf = async (table: typeof contacts | typeof tickets) => (await wa.db.select({ n: count() }).from(table))[0]!.n;

  it('takes both notify (live) and append (the offline backlog) as customer messages', async () => {
    const live = text(pn(), 'pesan langsung');
    const offline = text(pn(), 'pesan saat server mati');
    const from = wa.mark();
    sock.receive([live], 'notify');
    sock.receive([offline], 'append');
    for (const [m, body] of [
      [live, 'pesan langsung'],
      [offline, 'pesan saat server mati'],
    ] as const) {
      expect(await created(m, from)).toMatchObject({ direction: 'in', sender: 'customer', text: body, from_phone: false, status: 'delivered' });
    }
  });

  it('one message delivered twice by the event buffer (append, then notify on flush) is stored once', async () => {
    const twice = text(pn(), 'sekali saja');
    const after = text(pn(), 'penanda');
    const from = wa.mark();
    sock.ev.buffer();
    sock.receive([twice], 'append');
    sock.receive([twice, after], 'notify'); // the type change releases the append at once
    sock.ev.flush();
    await created(twice, from);
    await created(after, from); // same batch as the second delivery: that one is done too
    expect(await rowsOf(twice)).toHaveLength(1);
    expect(wa.events.slice(from).filter((e) => e.type === 'message.created' && e.message.external_id === twice.key.id)).toHaveLength(1);
  });

  it('the echo of our own send is recognised: stored once, as the agent’s reply, never as a customer message', async () => {
    const { ticketId } = await wa.customerWrites(channelId);
    await claimTicket(wa.ctx, { ticketId, actor: agent });
    const from = wa.mark();
    const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: 'kami cek dulu' });
    await wa.waitFor((e) => e.type === 'message.updated' && e.message.id === reply.id && e.message.status === 'sent', from);
    const echo = sock.sent.at(-1)!.message; // it already came back once as an append
    const after = text(pn(), 'penanda');
    sock.receive([echo, after], 'append');
    await created(after, from);
    const rows = await rowsOf(echo);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: reply.id, direction: 'out', sender: 'agent', fromPhone: false, text: 'kami cek dulu' });
    expect(wa.events.slice(from).some((e) => e.type === 'message.created' && e.message.external_id === echo.key.id)).toBe(false);
    await eventually(() => wa.time.pendingCount() > 0, 'the pause after the send');
    wa.time.advance(1_000);
  });

  it('a message written on the business phone joins the chat as from_phone, counts as the first response, opens no ticket', async () => {
    const { ticketId, jid } = await wa.customerWrites(channelId);
    const ticketsBefore = await countOf(tickets);
    const fromPhone = text(jid, 'dibalas dari HP', { fromMe: true });
    const from = wa.mark();
    sock.receive([fromPhone], 'notify');
    expect(await created(fromPhone, from)).toMatchObject({
      direction: 'out',
      sender: 'agent',
      from_phone: true,
      ticket_id: ticketId,
      text: 'dibalas dari HP',
      status: 'sent',
    });
    expect((await getTicketView(wa.db, ticketId))?.first_response_at).not.toBeNull();

    // To someone without an open ticket: kept in their chat, still no ticket.
    const cold = text(pn(), 'promo dari HP', { fromMe: true });
    sock.receive([cold], 'notify');
    expect(await created(cold, from)).toMatchObject({ from_phone: true, ticket_id: null });
    expect(await countOf(tickets)).toBe(ticketsBefore);
  });

  it('groups, status, broadcast lists and newsletters never store anything', async () => {
    const group = text('120363000000000001@g.us', 'di grup');
    group.key.participant = pn();
    const ignored = [
      group,
      text('status@broadcast', 'status saya'),
      text('1675788888@broadcast', 'siaran'),
      text('120363144038483540@newsletter', 'berita'),
    ];
    const after = text(pn(), 'penanda');
    const contactsBefore = await countOf(contacts);
    const ticketsBefore = await countOf(tickets);
    const from = wa.mark();
    sock.receive([...ignored, after], 'notify');
    await created(after, from);
    for (const m of ignored) expect(await rowsOf(m)).toEqual([]);
    expect(await countOf(contacts)).toBe(contactsBefore + 1);
    expect(await countOf(tickets)).toBe(ticketsBefore + 1);
  });

  it('a decryption stub is stored, then upgraded in place when the content arrives with the same id', async () => {
    const jid = pn();
    const id = `STUB${nextPhone()}`;
    const stub: WAMessage = {
      key: { remoteJid: jid, fromMe: false, id },
      messageTimestamp: Math.floor(Date.now() / 1000),
      messageStubType: 2, // CIPHERTEXT
      messageStubParameters: ['No session record'],
    };
    const from = wa.mark();
    sock.receive([stub], 'notify');
    const first = await created(stub, from);
    expect(first).toMatchObject({ stub: true, text: '' });

    sock.receive([text(jid, 'isi yang sebenarnya', { id })], 'notify');
    const upgraded = (await wa.waitMessage(id, from, 'message.updated')) as Extract<DomainEvent, { type: 'message.updated' }>;
    expect(upgraded.message).toMatchObject({ id: first.id, stub: false, text: 'isi yang sebenarnya' });
    expect(await rowsOf(stub)).toHaveLength(1);
  });

  it('a LID sender with remoteJidAlt is one contact with both addresses', async () => {
    const phone = nextPhone();
    const lid = nextLid();
    const m = text(lid, 'lewat lid', { alt: `${phone}@s.whatsapp.net` });
    const from = wa.mark();
    sock.receive([m]);
    await created(m, from);
    expect(await contactsWith(lid, `${phone}@s.whatsapp.net`)).toEqual([
      expect.objectContaining({ lidJid: lid, phoneJid: `${phone}@s.whatsapp.net`, phone }),
    ]);
  });

  it('a LID sender without an alt gets its phone from the signal repository’s mapping', async () => {
    const phone = nextPhone();
    const lid = nextLid();
    sock.lidToPn.set(lid, `${phone}:0@s.whatsapp.net`); // Baileys returns it with a device suffix
    const m = text(lid, 'hanya lid');
    const from = wa.mark();
    sock.receive([m]);
    await created(m, from);
    expect(await contactsWith(lid, `${phone}@s.whatsapp.net`)).toEqual([
      expect.objectContaining({ lidJid: lid, phoneJid: `${phone}@s.whatsapp.net`, phone }),
    ]);
  });

  /** Two contacts with an open ticket each: the customer wrote once as a LID only, once as a phone only. */
  async function twoHalves() {
    const phoneJid = pn();
    const lid = nextLid();
    const asLid = text(lid, 'dari lid');
    const asPhone = text(phoneJid, 'dari nomor');
    const from = wa.mark();
    sock.receive([asLid]);
    const older = (await created(asLid, from)).ticket_id!;
    sock.receive([asPhone]);
    const newer = (await created(asPhone, from)).ticket_id!;
    expect(newer).not.toBe(older);
    expect(await contactsWith(lid, phoneJid)).toHaveLength(2);
    return { phoneJid, lid, older, newer, ids: [asLid.key.id!, asPhone.key.id!] };
  }
  async function expectMerged(h: Awaited<ReturnType<typeof twoHalves>>, extra: string[] = []) {
    expect(await contactsWith(h.lid, h.phoneJid)).toEqual([expect.objectContaining({ lidJid: h.lid, phoneJid: h.phoneJid })]);
    expect((await getTicketView(wa.db, h.older))?.status).toBe('pending');
    expect((await getTicketView(wa.db, h.newer))?.status).toBe('resolved');
    const events = await wa.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, h.newer));
    expect(events.map((e) => [e.type, e.data])).toContainEqual(['resolved', { reason: 'merged', into_ticket_id: h.older }]);
    for (const id of [...h.ids, ...extra]) {
      const [row] = await wa.db.select({ ticketId: messages.ticketId }).from(messages).where(eq(messages.externalId, id));
      expect(row?.ticketId).toBe(h.older);
    }
  }

  it('LID first, phone later: the message carrying both merges the two contacts, and their tickets into the older', async () => {
    const h = await twoHalves();
    const both = text(h.phoneJid, 'sekarang keduanya', { alt: h.lid });
    const from = wa.mark();
    sock.receive([both]);
    expect((await created(both, from)).ticket_id).toBe(h.older);
    await expectMerged(h, [both.key.id!]);
  });

  it('lid-mapping.update merges the two contacts too (and creates nobody from a mapping alone)', async () => {
    const h = await twoHalves();
    const from = wa.mark();
    sock.ev.emit('lid-mapping.update', { lid: h.lid, pn: h.phoneJid });
    await wa.waitFor((e) => e.type === 'ticket.updated' && e.ticket.id === h.newer && e.ticket.status === 'resolved', from);
    await expectMerged(h);

    const before = await countOf(contacts);
    const stranger = { lid: nextLid(), pn: pn() };
    sock.ev.emit('lid-mapping.update', stranger);
    const after = text(pn(), 'penanda');
    sock.receive([after]);
    await created(after, from);
    expect(await contactsWith(stranger.lid, stranger.pn)).toEqual([]);
    expect(await countOf(contacts)).toBe(before + 1);
  });
});
