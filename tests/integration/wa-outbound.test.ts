import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MediaAttachment } from '../../lib/domain/attachments';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { markTicketRead } from '../../lib/domain/reads';
import { updateBotSettings, updateSettings, whatsappSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import { noteAgentTyping } from '../../lib/domain/typing';
import type { DomainEvent } from '../../lib/realtime/bus';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { closeError, eventually, nextLid, startWaServer, text, type TestSocket, type WaServer } from '../helpers/whatsapp';

const Status = proto.WebMessageInfo.Status;
const INTERVAL = 3_000;
type Updated = Extract<DomainEvent, { type: 'message.updated' }>;
const tick = async (n = 10) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe.each(databaseTargets())('WhatsApp outbound on %s', (kind) => {
  let wa: WaServer;
  let channelId: number;
  let agent: Actor;
  const sock = (): TestSocket => wa.latest(channelId);
  const settings = (markRead: boolean) =>
    updateSettings(wa.db, whatsappSettings, { mark_read_on_open: markRead, send_interval_ms: INTERVAL, send_jitter_ms: 0 }, wa.clock.now());

  beforeAll(async () => {
    wa = await startWaServer(kind);
    await updateBotSettings(wa.db, { ack_enabled: false, ack_text: 'ack' }, wa.clock.now());
    await settings(true);
    agent = await createActor(wa.db, 'agent', 'Ani');
    ({ channelId } = await wa.linkNumber('Outbound'));
  });
  afterAll(() => wa?.close());
  // Lets the number's pause (and any retry) run out, so every test starts with an idle outbox.
  afterEach(async () => {
    let idle = false;
    void wa.server.outbox.drain().then(() => (idle = true));
    await eventually(() => idle || void wa.time.advance(INTERVAL), 'the outbox to go idle');
  });

  async function claimed(options: Parameters<WaServer['customerWrites']>[1] = {}) {
    const written = await wa.customerWrites(channelId, options);
    await claimTicket(wa.ctx, { ticketId: written.ticketId, actor: agent });
    return written;
  }
  const statusOf = (id: number, status: string, from: number) =>
    wa.waitFor((e) => e.type === 'message.updated' && e.message.id === id && e.message.status === status, from) as Promise<Updated>;
  async function replied(ticketId: number, body: string) {
    const from = wa.mark();
    const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: body });
    return { reply, sent: (await statusOf(reply.id, 'sent', from)).message, from };
  }

  it('a reply goes to the phone JID with its text, and keeps the id WhatsApp sent it with', async () => {
    const { ticketId, jid } = await claimed({ alt: nextLid() });
    const { sent } = await replied(ticketId, 'Halo, ada yang bisa dibantu?');
    const out = sock().sent.at(-1)!;
    expect([out.jid, out.content]).toEqual([jid, { text: 'Halo, ada yang bisa dibantu?' }]);
    expect(sent.external_id).toBe(out.message.key.id);
    const [row] = await wa.message(channelId, out.message.key.id!);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, raw: { key: { id: out.message.key.id } } });
  });

  it('a customer known only by a LID is answered on the LID', async () => {
    const lid = nextLid();
    const { ticketId } = await claimed({ jid: lid });
    await replied(ticketId, 'lewat lid');
    expect(sock().sent.at(-1)!.jid).toBe(lid);
  });

  it('receipts move the tick forward (delivered, read) and a late delivered does not move it back', async () => {
    const { ticketId, jid } = await claimed();
    const { reply, sent, from } = await replied(ticketId, 'sudah dikirim');
    const id = sent.external_id!;
    sock().receipt(id, Status.DELIVERY_ACK);
    await statusOf(reply.id, 'delivered', from);
    sock().receipt(id, Status.READ, nextLid()); // receipts may come addressed to the other form
    await statusOf(reply.id, 'read', from);

    // A late "delivered", in one batch with a receipt that does change something (a phone-sent message).
    const fromPhone = text(jid, 'dari HP', { fromMe: true });
    sock().receive([fromPhone]);
    await wa.waitMessage(fromPhone.key.id!, from);
    sock().ev.emit('messages.update', [
      { key: { remoteJid: jid, fromMe: true, id }, update: { status: Status.DELIVERY_ACK } },
      { key: { remoteJid: jid, fromMe: true, id: fromPhone.key.id }, update: { status: Status.DELIVERY_ACK } },
    ]);
    await wa.waitFor((e) => e.type === 'message.updated' && e.message.external_id === fromPhone.key.id && e.message.status === 'delivered', from);
    const ticks = wa.events.slice(from).flatMap((e) => (e.type.startsWith('message.') && 'message' in e && e.message.id === reply.id ? [e.message.status] : []));
    expect(ticks).toEqual(['queued', 'sent', 'delivered', 'read']);
    expect((await wa.message(channelId, id))[0]?.status).toBe('read');
  });

  it('an ERROR receipt with 463 fails the reply with the reason and it is never sent again', async () => {
    const { ticketId, jid } = await claimed();
    const { reply, sent, from } = await replied(ticketId, 'pesan baru');
    sock().ev.emit('messages.update', [
      { key: { remoteJid: jid, fromMe: true, id: sent.external_id }, update: { status: Status.ERROR, messageStubParameters: ['463'] } },
    ]);
    const failed = await statusOf(reply.id, 'failed', from);
    expect(failed.message.error).toMatch(/\(463\).*not be retried/);
    const sends = sock().sent.length;
    wa.time.advance(60 * 60_000);
    await wa.server.outbox.sweep();
    await tick();
    expect(sock().sent).toHaveLength(sends);
    expect((await wa.message(channelId, sent.external_id!))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('a send that fails because the connection just died (428) stays queued and goes out after the reconnect', async () => {
    const { ticketId, jid } = await claimed();
    const dying = sock();
    const already = dying.sent.length;
    dying.closed = true; // its close event is still on its way: sendMessage throws 428
    const from = wa.mark();
    const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: 'coba lagi' });
    const retrying = await wa.waitFor((e) => e.type === 'message.updated' && e.message.id === reply.id && e.message.error !== null, from);
    expect((retrying as Updated).message).toMatchObject({ status: 'queued', error: expect.stringMatching(/428.*\(retrying\)$/) });
    expect(dying.sent).toHaveLength(already);

    dying.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: closeError(428), date: new Date() } });
    await wa.waitStatus(channelId, 'disconnected', from);
    let sent: Updated | null = null;
    void statusOf(reply.id, 'sent', from).then((e) => (sent = e), () => {});
    await eventually(() => sent ?? void wa.time.advance(250), 'the retry after the reconnect');
    expect(sock()).not.toBe(dying);
    expect(sock().sent.map((s) => [s.jid, s.content])).toEqual([[jid, { text: 'coba lagi' }]]);
    expect((await wa.message(channelId, sent!.message.external_id!))[0]).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('replies in two chats of one number go out one at a time, in order, a send interval apart', async () => {
    const a = await claimed();
    const b = await claimed();
    const from = wa.mark();
    const since = wa.time.scheduled.length;
    const first = await createReply(wa.ctx, { ticketId: a.ticketId, actor: agent, text: 'untuk A' });
    const second = await createReply(wa.ctx, { ticketId: b.ticketId, actor: agent, text: 'untuk B' });
    const one = await statusOf(first.id, 'sent', from);
    await eventually(() => wa.time.scheduled.slice(since).find((t) => t.ms === INTERVAL && wa.time.isPending(t.id)), 'the pause');
    wa.time.advance(INTERVAL - 1);
    await tick(20);
    expect(sock().sent.at(-1)!.content).toEqual({ text: 'untuk A' });
    wa.time.advance(1);
    const two = await statusOf(second.id, 'sent', from);
    expect(sock().sent.slice(-2).map((s) => [s.jid, s.content])).toEqual([
      [a.jid, { text: 'untuk A' }],
      [b.jid, { text: 'untuk B' }],
    ]);
    expect(Date.parse(two.message.sent_at!) - Date.parse(one.message.sent_at!)).toBe(INTERVAL);
  });

  it('a photo reply is sent as an image with its caption, from the stored file', async () => {
    const { ticketId } = await claimed();
    const saved = await wa.runtime.media.save(randomBytes(4_000), { mimetype: 'image/jpeg', fileName: 'foto.jpg' });
    const attachment: MediaAttachment = { type: 'media', kind: 'image', mimetype: 'image/jpeg', file_name: 'foto.jpg', size: saved.size, status: 'ready', path: saved.path, sha256: saved.sha256 };
    const from = wa.mark();
    const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: 'ini fotonya', attachment });
    await statusOf(reply.id, 'sent', from);
    const out = sock().sent.at(-1)!;
    expect(out.content).toEqual({ image: { url: wa.runtime.media.resolve(saved.path) }, caption: 'ini fotonya', mimetype: 'image/jpeg' });
    expect(out.message.message?.imageMessage).toMatchObject({ caption: 'ini fotonya', mimetype: 'image/jpeg' });
  });

  it('opening the ticket sends read receipts for the customer’s messages (not when the setting is off)', async () => {
    const { ticketId, jid, message } = await claimed();
    const again = text(jid, 'halo?');
    const from = wa.mark();
    sock().receive([again]);
    await wa.waitMessage(again.key.id!, from);
    const before = sock().reads.length;
    await markTicketRead(wa.ctx, { ticketId, actor: agent });
    await eventually(() => sock().reads.length > before, 'read receipts');
    const keys = sock().reads.slice(before);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual(expect.arrayContaining([message.key, again.key].map((k) => ({ remoteJid: jid, fromMe: false, id: k.id }))));

    await settings(false);
    try {
      const off = await claimed();
      const mark = wa.mark();
      await markTicketRead(wa.ctx, { ticketId: off.ticketId, actor: agent });
      await tick();
      expect(wa.events.slice(mark).some((e) => e.type === 'messages.read')).toBe(false);
      expect(sock().reads).toHaveLength(before + 2);
    } finally {
      await settings(true);
    }
  });

  it('an agent typing shows "typing…" on the customer’s phone', async () => {
    const { ticketId, jid } = await claimed();
    const before = sock().presence.length;
    await noteAgentTyping(wa.ctx, { ticketId, actor: agent });
    await eventually(() => sock().presence.length > before, 'the presence update');
    expect(sock().presence.slice(before)).toEqual([{ type: 'composing', jid }]);
  });

  it('a read receipt merged into the buffered echo of our send still moves the tick', async () => {
    const { ticketId } = await claimed();
    sock().ev.buffer(); // as during a reconnect: the echo and its receipt are merged into one upsert
    const { reply, sent, from } = await replied(ticketId, 'saat buffering');
    sock().receipt(sent.external_id!, Status.READ);
    sock().ev.flush();
    await statusOf(reply.id, 'read', from);
  });

  it('a receipt that overtakes the bookkeeping of the send keeps its tick, and what was sent is still stored', async () => {
    const { ticketId } = await claimed();
    const s = sock();
    const send = s.socket.sendMessage;
    s.socket.sendMessage = async (...args: Parameters<typeof send>) => {
      const message = await send(...args);
      s.receipt(message!.key.id!, Status.DELIVERY_ACK); // the phone answers before we wrote "sent"
      return message;
    };
    try {
      const from = wa.mark();
      const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: 'cepat sekali' });
      await statusOf(reply.id, 'delivered', from);
      const id = s.sent.at(-1)!.message.key.id!;
      await eventually(async () => (await wa.message(channelId, id))[0]?.raw, 'the stored raw message');
      const [row] = await wa.message(channelId, id);
      expect(row).toMatchObject({ status: 'delivered', sentAt: expect.any(Date), error: null });
      const answer = await wa.configs.get(s)!.getMessage!({ id });
      expect(answer?.extendedTextMessage?.text ?? answer?.conversation).toBe('cepat sekali');
    } finally {
      s.socket.sendMessage = send;
    }
  });
});
