import { proto, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import {
  classifyChat,
  parseMessage,
  restoreMessage,
  serializeForStorage,
  type ParsedMessage,
} from '../../server/channels/baileys/parse-message';

const T = 1_767_600_000;
const PN = '15551234567@s.whatsapp.net';
const LID = '123456789012345@lid';

// The shape decodeMessageNode() produces: plain key (alt fields survive), numeric timestamp,
// proto.Message body.
function live(content: Record<string, unknown> | null, key: Partial<WAMessageKey> = {}, extra: Partial<WAMessage> = {}): WAMessage {
  return {
    key: { remoteJid: PN, remoteJidAlt: LID, fromMe: false, id: '3EB0A1B2C3D4E5F60718', addressingMode: 'pn', ...key },
    messageTimestamp: T,
    pushName: 'Alice',
    broadcast: false,
    ...(content ? { message: proto.Message.fromObject(content) } : {}),
    ...extra,
  };
}

function content(p: ParsedMessage) {
  if (p.type !== 'content') throw new Error(`expected content, got ${p.type}: ${JSON.stringify(p)}`);
  return p;
}

// A Long exactly as Baileys produces one: anything that went through WebMessageInfo.fromObject.
const longSeconds = (n: number) => proto.WebMessageInfo.fromObject({ key: {}, messageTimestamp: n }).messageTimestamp;

const mediaFields = {
  url: 'https://mmg.whatsapp.net/v/t62.7118-24/x.enc',
  directPath: '/v/t62.7118-24/x.enc',
  mediaKey: Buffer.alloc(32, 7),
  fileSha256: Buffer.alloc(32, 1),
  fileEncSha256: Buffer.alloc(32, 2),
  fileLength: 12345,
};

describe('classifyChat', () => {
  it('a phone-addressed customer with its LID alt', () => {
    expect(classifyChat({ remoteJid: PN, remoteJidAlt: LID })).toEqual({ type: 'customer', phoneJid: PN, lidJid: LID, phone: '15551234567' });
  });

  it('a LID-only sender, with and without remoteJidAlt', () => {
    expect(classifyChat({ remoteJid: LID, remoteJidAlt: PN })).toEqual({ type: 'customer', phoneJid: PN, lidJid: LID, phone: '15551234567' });
    expect(classifyChat({ remoteJid: LID })).toEqual({ type: 'customer', phoneJid: null, lidJid: LID, phone: null });
  });

  it('strips device suffixes (the *Alt fields keep them in rc14)', () => {
    expect(classifyChat({ remoteJid: '123456789012345:3@lid', remoteJidAlt: '15551234567:0@s.whatsapp.net' })).toEqual({
      type: 'customer',
      phoneJid: PN,
      lidJid: LID,
      phone: '15551234567',
    });
  });

  it.each([
    ['120363144038483540@g.us', 'group'],
    ['status@broadcast', 'status'],
    ['1675788888@broadcast', 'broadcast'],
    ['120363144038483540@newsletter', 'newsletter'],
    ['13135550002@bot', 'unsupported address'],
    ['15551234567@hosted', 'unsupported address'],
    ['', 'no remoteJid'],
  ])('skips %s', (remoteJid, reason) => {
    const result = classifyChat({ remoteJid });
    expect(result.type).toBe('skip');
    expect(result.type === 'skip' && result.reason).toContain(reason);
  });
});

describe('parseMessage', () => {
  it('conversation and extendedText, with the sent time and the reply target', () => {
    expect(content(parseMessage(live({ conversation: 'halo' })))).toMatchObject({
      id: '3EB0A1B2C3D4E5F60718',
      fromMe: false,
      kind: 'text',
      text: 'halo',
      attachment: null,
      sentAt: new Date(T * 1000),
      pushName: 'Alice',
    });
    const reply = content(parseMessage(live({ extendedTextMessage: { text: 'see this', contextInfo: { stanzaId: 'ORIG1' } } })));
    expect(reply).toMatchObject({ kind: 'text', text: 'see this', replyToId: 'ORIG1', contentType: 'extendedTextMessage' });
  });

  it('image with caption: a pending media attachment', () => {
    const p = content(parseMessage(live({ imageMessage: { ...mediaFields, caption: 'Broken item', mimetype: 'image/jpeg', width: 800, height: 600 } })));
    expect(p.kind).toBe('image');
    expect(p.text).toBe('Broken item');
    expect(p.attachment).toEqual({
      type: 'media', kind: 'image', mimetype: 'image/jpeg', file_name: null, size: 12345, seconds: null, width: 800, height: 600, status: 'pending',
    });
  });

  it('video, document (and documentWithCaption), audio, voice note, sticker', () => {
    const video = content(parseMessage(live({ videoMessage: { ...mediaFields, mimetype: 'video/mp4', seconds: 14, caption: 'clip' } })));
    expect(video).toMatchObject({ kind: 'video', text: 'clip', attachment: { kind: 'video', seconds: 14 } });

    const doc = { ...mediaFields, mimetype: 'application/pdf', fileName: 'invoice.pdf' };
    expect(content(parseMessage(live({ documentMessage: doc })))).toMatchObject({
      kind: 'document', text: '', attachment: { kind: 'document', file_name: 'invoice.pdf', mimetype: 'application/pdf' },
    });
    const wrapped = content(parseMessage(live({ documentWithCaptionMessage: { message: { documentMessage: { ...doc, caption: 'please pay' } } } })));
    expect(wrapped).toMatchObject({ kind: 'document', text: 'please pay', attachment: { file_name: 'invoice.pdf' } });

    const audio = content(parseMessage(live({ audioMessage: { ...mediaFields, mimetype: 'audio/mpeg', seconds: 200 } })));
    expect(audio).toMatchObject({ kind: 'audio', attachment: { kind: 'audio', seconds: 200 } });
    const voice = content(parseMessage(live({ audioMessage: { ...mediaFields, mimetype: 'audio/ogg; codecs=opus', seconds: 7, ptt: true } })));
    expect(voice).toMatchObject({ kind: 'voice', attachment: { kind: 'voice', mimetype: 'audio/ogg; codecs=opus', seconds: 7 } });

    const sticker = content(parseMessage(live({ stickerMessage: { ...mediaFields, mimetype: 'image/webp', width: 512, height: 512 } })));
    expect(sticker).toMatchObject({ kind: 'sticker', text: '', attachment: { kind: 'sticker', width: 512 } });
  });

  it('location', () => {
    const p = content(parseMessage(live({ locationMessage: { degreesLatitude: -6.2, degreesLongitude: 106.8, name: 'Monas', address: 'Jakarta' } })));
    expect(p).toMatchObject({ kind: 'location', attachment: { type: 'location', latitude: -6.2, longitude: 106.8, name: 'Monas', address: 'Jakarta' } });
  });

  it('contact and contactsArray: names and phones from displayName and TEL lines', () => {
    const vcard = 'BEGIN:VCARD\nVERSION:3.0\nN:;Budi;;;\nFN:Budi\nTEL;type=CELL;type=VOICE;waid=6281234567890:+62 812-3456-7890\nEND:VCARD';
    const one = content(parseMessage(live({ contactMessage: { displayName: 'Budi S.', vcard } })));
    expect(one.kind).toBe('contact');
    expect(one.attachment).toEqual({ type: 'contacts', contacts: [{ name: 'Budi S.', phones: ['6281234567890'], vcard }] });

    const iphone = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Siti\\, CS\r\nitem1.TEL:+1 (555) 000-1111\r\nitem2.TEL;waid=15550002222:+1 555 000 2222\r\nEND:VCARD';
    const many = content(parseMessage(live({ contactsArrayMessage: { displayName: '2 contacts', contacts: [{ displayName: 'Budi', vcard }, { vcard: iphone }] } })));
    expect(many.attachment).toEqual({
      type: 'contacts',
      contacts: [
        { name: 'Budi', phones: ['6281234567890'], vcard },
        { name: 'Siti, CS', phones: ['15550001111', '15550002222'], vcard: iphone },
      ],
    });
  });

  it('ephemeral- and viewOnce-wrapped content', () => {
    expect(content(parseMessage(live({ ephemeralMessage: { message: { extendedTextMessage: { text: 'vanishing' } } } })))).toMatchObject({ kind: 'text', text: 'vanishing' });
    const once = content(parseMessage(live({ viewOnceMessageV2: { message: { imageMessage: { ...mediaFields, mimetype: 'image/jpeg', viewOnce: true } } } })));
    expect(once).toMatchObject({ kind: 'image', attachment: { kind: 'image' } });
    const both = live({ ephemeralMessage: { message: { viewOnceMessage: { message: { videoMessage: { ...mediaFields, mimetype: 'video/mp4' } } } } } });
    expect(content(parseMessage(both)).kind).toBe('video');
  });

  it('reaction, and its removal', () => {
    const key = { remoteJid: PN, fromMe: true, id: 'OUR-MSG-1' };
    expect(parseMessage(live({ reactionMessage: { key, text: '👍', senderTimestampMs: T * 1000 } }))).toMatchObject({ type: 'reaction', targetId: 'OUR-MSG-1', emoji: '👍' });
    expect(parseMessage(live({ reactionMessage: { key, text: '' } }))).toMatchObject({ type: 'reaction', targetId: 'OUR-MSG-1', emoji: null });
  });

  it('revoke (delete for everyone)', () => {
    const p = parseMessage(live({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { remoteJid: PN, id: 'GONE-1' } } }));
    expect(p).toMatchObject({ type: 'revoke', targetId: 'GONE-1', id: '3EB0A1B2C3D4E5F60718' });
  });

  it('edit, as a bare protocolMessage and inside the editedMessage wrapper', () => {
    const edit = { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { remoteJid: PN, id: 'EDITED-1' }, editedMessage: { conversation: 'fixed typo' } };
    expect(parseMessage(live({ protocolMessage: edit }))).toMatchObject({ type: 'edit', targetId: 'EDITED-1', text: 'fixed typo' });
    const wrapped = live({ editedMessage: { message: { protocolMessage: { ...edit, editedMessage: { extendedTextMessage: { text: 'new words' } } } } } });
    expect(parseMessage(wrapped)).toMatchObject({ type: 'edit', targetId: 'EDITED-1', text: 'new words' });
  });

  it('a CIPHERTEXT stub is a stub, not content', () => {
    const stub = live(null, {}, { messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT, messageStubParameters: ['No session record'] });
    expect(parseMessage(stub)).toEqual({ type: 'stub', id: '3EB0A1B2C3D4E5F60718', fromMe: false, sentAt: new Date(T * 1000), stubType: 2, error: 'No session record' });
  });

  it('ignores protocol chatter, context-only and empty messages', () => {
    const historyNote = live({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION } });
    expect(parseMessage(historyNote)).toMatchObject({ type: 'ignore', reason: expect.stringMatching(/protocol/) });
    expect(parseMessage(live({ messageContextInfo: { deviceListMetadataVersion: 2 } }))).toMatchObject({ type: 'ignore' });
    expect(parseMessage(live(null))).toMatchObject({ type: 'ignore', reason: 'empty message' });
    expect(parseMessage(live({ conversation: 'x' }, { id: '' }))).toMatchObject({ type: 'ignore', reason: 'no message id' });
  });

  it('unknown real content is kept as unsupported', () => {
    const poll = content(parseMessage(live({ pollCreationMessage: { name: 'Lunch?', options: [{ optionName: 'yes' }] } })));
    expect(poll).toMatchObject({ kind: 'unsupported', attachment: null, contentType: 'pollCreationMessage' });
  });

  it('Long timestamps and lengths (history sync, our own sends) become numbers', () => {
    const m = live({ documentMessage: { ...mediaFields, fileLength: '3000000000', mimetype: 'application/zip' } }, {}, {
      messageTimestamp: longSeconds(T),
    });
    expect(typeof m.messageTimestamp).toBe('object');
    expect(typeof m.message!.documentMessage!.fileLength).toBe('object');
    const p = content(parseMessage(m));
    expect(p.sentAt).toEqual(new Date(T * 1000));
    expect(p.attachment).toMatchObject({ size: 3_000_000_000 });
    expect(content(parseMessage(live({ conversation: 'x' }, {}, { messageTimestamp: 0 }))).sentAt).toBeNull();
  });
});

describe('storage round trip', () => {
  it('serializeForStorage → JSON → restoreMessage keeps the key fields and media keys as bytes', () => {
    const original = live({ imageMessage: { ...mediaFields, caption: 'x', mimetype: 'image/jpeg' } }, { remoteJid: LID, remoteJidAlt: PN, addressingMode: 'lid' }, {
      messageTimestamp: longSeconds(T),
    });
    const stored = serializeForStorage(original);
    const json = JSON.stringify(stored);
    expect(json).not.toContain('"low"'); // no Long objects in the column
    const restored = restoreMessage(JSON.parse(json));
    expect(restored.key).toEqual(original.key);
    expect(restored.messageTimestamp).toBe(T);
    const image = restored.message!.imageMessage!;
    expect(restored.message).toBeInstanceOf(proto.Message);
    expect(Buffer.from(image.mediaKey!)).toEqual(mediaFields.mediaKey);
    expect(image.mediaKey).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(image.fileSha256!)).toEqual(mediaFields.fileSha256);
    expect(Number(image.fileLength)).toBe(12345);
    expect(content(parseMessage(restored))).toMatchObject({ kind: 'image', text: 'x' });
  });

  it('accepts a plain (non-proto) message with Buffers, and the stored string form', () => {
    const plain: WAMessage = { key: { remoteJid: PN, id: 'P1', fromMe: true }, message: { imageMessage: { mediaKey: Buffer.from([1, 2, 3]) } }, messageTimestamp: T };
    const restored = restoreMessage(JSON.stringify(serializeForStorage(plain)));
    expect(Buffer.from(restored.message!.imageMessage!.mediaKey!)).toEqual(Buffer.from([1, 2, 3]));
    expect(() => restoreMessage({ message: {} })).toThrow(/no key/);
  });
});
