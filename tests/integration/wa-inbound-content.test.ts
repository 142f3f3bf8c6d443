import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile, unlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptedStream, proto, type WAMessage } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as mediaRoute } from '../../app/api/messages/[id]/media/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { createReply } from '../../lib/domain/messages';
import { updateBotSettings } from '../../lib/domain/settings';
import { claimTicket } from '../../lib/domain/tickets';
import type { MessageView } from '../../lib/domain/views';
import type { DomainEvent } from '../../lib/realtime/bus';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { BASE_URL } from '../helpers/http';
import { liveMessage, nextPhone, startWaServer, text, type TestSocket, type WaServer } from '../helpers/whatsapp';

const { REVOKE, MESSAGE_EDIT } = proto.Message.ProtocolMessage.Type;
type MessageEvent = Extract<DomainEvent, { type: 'message.created' | 'message.updated' }>;

/** WhatsApp's CDN stand-in: files encrypted with Baileys' own encryptedStream, served over local HTTP. */
async function startMediaCdn() {
  const files = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** The media fields of a message whose file (`original`) is on this server. */
    async host(path: string, original: Buffer, type: 'image' | 'document' | 'audio') {
      const media = await encryptedStream(original, type);
      files.set(path, await readFile(media.encFilePath));
      await unlink(media.encFilePath);
      const { mediaKey, fileSha256, fileEncSha256, fileLength } = media;
      return { url: `${base}${path}`, mediaKey, fileSha256, fileEncSha256, fileLength };
    },
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

describe.each(databaseTargets())('WhatsApp message content on %s', (kind) => {
  let wa: WaServer;
  let sock: TestSocket;
  let channelId: number;
  let agent: Actor;
  let cdn: Awaited<ReturnType<typeof startMediaCdn>>;

  beforeAll(async () => {
    cdn = await startMediaCdn();
    wa = await startWaServer(kind);
    await updateBotSettings(wa.db, { ack_enabled: false, ack_text: 'ack' }, wa.clock.now());
    agent = await createActor(wa.db, 'agent', 'Ani');
    ({ channelId, sock } = await wa.linkNumber('Content'));
  });
  afterAll(async () => {
    await wa?.close();
    await cdn?.close();
  });

  const customer = () => `${nextPhone()}@s.whatsapp.net`;
  /** A customer's message arrives; resolves with its stored view. */
  async function arrives(m: WAMessage) {
    const from = wa.mark();
    sock.receive([m]);
    return ((await wa.waitMessage(m.key.id!, from)) as MessageEvent).message;
  }
  /** A protocol message (revoke, edit, reaction) arrives; resolves with the target's updated view. */
  async function changes(targetId: string, m: WAMessage) {
    const from = wa.mark();
    sock.receive([m]);
    const view = ((await wa.waitMessage(targetId, from, 'message.updated')) as MessageEvent).message;
    expect(await wa.message(channelId, m.key.id!)).toEqual([]); // the protocol message itself is no chat message
    return view;
  }

  it('a revoke ("delete for everyone") marks the message deleted and keeps its text for the agent', async () => {
    const jid = customer();
    const original = await arrives(text(jid, 'nomor rekening saya 123'));
    const revoke = liveMessage({ from: jid, content: { protocolMessage: { key: { remoteJid: jid, fromMe: false, id: original.external_id }, type: REVOKE } } });
    const view = await changes(original.external_id!, revoke);
    expect(view).toMatchObject({ id: original.id, text: 'nomor rekening saya 123', deleted_at: expect.any(String) });
  });

  it('an edit shows the new text and keeps the first one', async () => {
    const jid = customer();
    const original = await arrives(text(jid, 'pesanan 15'));
    const edit = (body: string) =>
      liveMessage({
        from: jid,
        content: {
          editedMessage: {
            message: {
              protocolMessage: { key: { remoteJid: jid, fromMe: false, id: original.external_id }, type: MESSAGE_EDIT, editedMessage: { conversation: body } },
            },
          },
        },
      });
    expect(await changes(original.external_id!, edit('pesanan 16'))).toMatchObject({
      text: 'pesanan 16',
      original_text: 'pesanan 15',
      edited_at: expect.any(String),
    });
    expect(await changes(original.external_id!, edit('pesanan 17'))).toMatchObject({ text: 'pesanan 17', original_text: 'pesanan 15' });
  });

  it('reactions land on the message they react to, and an empty one takes the reaction away', async () => {
    const jid = customer();
    const original = await arrives(text(jid, 'terima kasih'));
    const react = (emoji: string, fromMe = false) =>
      liveMessage({ from: jid, fromMe, content: { reactionMessage: { key: { remoteJid: jid, fromMe: false, id: original.external_id }, text: emoji } } });
    expect((await changes(original.external_id!, react('👍'))).reactions).toEqual({ [jid]: '👍' });
    expect((await changes(original.external_id!, react('🙏', true))).reactions).toEqual({ [jid]: '👍', business: '🙏' });
    expect((await changes(original.external_id!, react(''))).reactions).toEqual({ business: '🙏' });
  });

  it('photos, documents, voice notes, locations and contact cards: right kind, files fetched at once and served back', async () => {
    const jid = customer();
    const photo = randomBytes(20_000);
    const pdf = randomBytes(8_000);
    const voice = randomBytes(5_000);
    const vcard = 'BEGIN:VCARD\nVERSION:3.0\nFN:Budi Santoso\nTEL;type=CELL;waid=6281111111:+62 811-1111-111\nEND:VCARD';
    const image = liveMessage({
      from: jid,
      content: { imageMessage: { ...(await cdn.host(`/p/${kind}`, photo, 'image')), mimetype: 'image/jpeg', caption: 'barang rusak', width: 640, height: 480 } },
    });
    const doc = liveMessage({
      from: jid,
      content: { documentMessage: { ...(await cdn.host(`/d/${kind}`, pdf, 'document')), mimetype: 'application/pdf', fileName: 'invoice.pdf' } },
    });
    const ptt = liveMessage({
      from: jid,
      content: { audioMessage: { ...(await cdn.host(`/v/${kind}`, voice, 'audio')), mimetype: 'audio/ogg; codecs=opus', ptt: true, seconds: 7 } },
    });
    const place = liveMessage({ from: jid, content: { locationMessage: { degreesLatitude: -6.2, degreesLongitude: 106.8, name: 'Kantor', address: 'Jl. Sudirman 1' } } });
    const card = liveMessage({ from: jid, content: { contactMessage: { displayName: 'Budi', vcard } } });

    const from = wa.mark();
    sock.receive([image, doc, ptt, place, card]);
    const view = async (m: WAMessage) => ((await wa.waitMessage(m.key.id!, from)) as MessageEvent).message;
    const ready = async (m: MessageView) =>
      ((await wa.waitFor((e) => e.type === 'message.updated' && e.message.id === m.id && e.message.media?.type === 'media' && e.message.media.status === 'ready', from)) as MessageEvent).message;

    const stored = { image: await view(image), doc: await view(doc), ptt: await view(ptt) };
    expect(stored.image).toMatchObject({ kind: 'image', text: 'barang rusak', media: { type: 'media', kind: 'image', mimetype: 'image/jpeg', width: 640, height: 480, status: 'pending', url: null } });
    expect(stored.doc).toMatchObject({ kind: 'document', media: { kind: 'document', file_name: 'invoice.pdf', mimetype: 'application/pdf' } });
    expect(stored.ptt).toMatchObject({ kind: 'voice', media: { kind: 'voice', seconds: 7 } });
    expect(await view(place)).toMatchObject({ kind: 'location', media: { type: 'location', latitude: -6.2, longitude: 106.8, name: 'Kantor', address: 'Jl. Sudirman 1' } });
    expect(await view(card)).toMatchObject({
      kind: 'contact',
      media: { type: 'contacts', contacts: [{ name: 'Budi', phones: ['6281111111'], vcard }] },
    });

    const supervisor = await createActor(wa.db, 'supervisor', 'Dewi');
    const { token } = await createApiToken(wa.db, { userId: supervisor.id, name: 'media', now: wa.clock.now() });
    for (const [m, bytes, type] of [
      [stored.image, photo, 'image/jpeg'],
      [stored.doc, pdf, 'application/pdf'],
      [stored.ptt, voice, 'audio/ogg; codecs=opus'],
    ] as const) {
      expect(await ready(m)).toMatchObject({ media: { status: 'ready', size: bytes.length, url: `/api/messages/${m.id}/media` } });
      const req = new Request(`${BASE_URL}/api/messages/${m.id}/media`, { headers: { authorization: `Bearer ${token}` } });
      const res = await mediaRoute(req, { params: Promise.resolve({ id: String(m.id) }) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('getMessage answers WhatsApp’s retries from the database: a received and a sent id; undefined for an unknown one', async () => {
    const getMessage = wa.configs.get(wa.latest(channelId))!.getMessage!;
    const { jid, message, ticketId } = await wa.customerWrites(channelId, { body: 'tolong dibantu' });
    expect(await getMessage({ remoteJid: jid, fromMe: false, id: message.key.id })).toMatchObject({ conversation: 'tolong dibantu' });

    await claimTicket(wa.ctx, { ticketId, actor: agent });
    const from = wa.mark();
    const reply = await createReply(wa.ctx, { ticketId, actor: agent, text: 'siap, kami bantu' });
    const sent = (await wa.waitFor((e) => e.type === 'message.updated' && e.message.id === reply.id && e.message.status === 'sent', from)) as MessageEvent;
    const answer = await getMessage({ remoteJid: jid, fromMe: true, id: sent.message.external_id });
    expect(answer?.extendedTextMessage?.text ?? answer?.conversation).toBe('siap, kami bantu');
    expect(answer).toBeInstanceOf(proto.Message);

    expect(await getMessage({ remoteJid: jid, fromMe: false, id: 'NEVER-SEEN-0000' })).toBeUndefined();
  });
});
