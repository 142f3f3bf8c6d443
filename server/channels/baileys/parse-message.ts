// From a Baileys WAMessage (as messages.upsert delivers it) to what Loket stores. Pure.
import {
  extractMessageContent,
  getContentType,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  isRealMessage,
  jidNormalizedUser,
  normalizeMessageContent,
  proto,
  toNumber,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { ContactCard, MediaKind, MessageAttachment, MessageKind } from '../../../lib/domain/attachments';

export type ChatClass =
  | { type: 'customer'; phoneJid: string | null; lidJid: string | null; phone: string | null }
  | { type: 'skip'; reason: string };

/** A 1:1 chat with a customer, addressed by phone and/or LID; everything else is skipped. */
export function classifyChat(key: Pick<WAMessageKey, 'remoteJid' | 'remoteJidAlt'>): ChatClass {
  const jid = key.remoteJid ?? '';
  if (!jid) return { type: 'skip', reason: 'no remoteJid' };
  if (isJidGroup(jid)) return { type: 'skip', reason: 'group' };
  if (isJidBroadcast(jid)) return { type: 'skip', reason: jid === 'status@broadcast' ? 'status' : 'broadcast' };
  if (isJidNewsletter(jid)) return { type: 'skip', reason: 'newsletter' };
  const main = userJid(jid);
  if (!main) return { type: 'skip', reason: `unsupported address ${jid}` };
  // The alt is the peer's other form; one of the same form adds nothing.
  const alt = key.remoteJidAlt ? userJid(key.remoteJidAlt) : null;
  const phoneJid = main.pn ? main.jid : alt?.pn ? alt.jid : null;
  const lidJid = !main.pn ? main.jid : alt && !alt.pn ? alt.jid : null;
  return { type: 'customer', phoneJid, lidJid, phone: phoneJid ? phoneJid.slice(0, phoneJid.indexOf('@')) : null };
}

function userJid(raw: string): { jid: string; pn: boolean } | null {
  const jid = jidNormalizedUser(raw); // strips ":device", maps c.us to s.whatsapp.net
  if (!/^\d+@/.test(jid)) return null;
  if (isPnUser(jid)) return { jid, pn: true };
  if (isLidUser(jid)) return { jid, pn: false };
  return null;
}

interface Header {
  /** WhatsApp's message id (key.id). */
  id: string;
  fromMe: boolean;
  sentAt: Date | null;
}

export type ParsedMessage =
  | (Header & {
      type: 'content';
      kind: MessageKind;
      text: string;
      attachment: MessageAttachment | null;
      /** The message this one replies to (contextInfo.stanzaId). */
      replyToId: string | null;
      pushName: string | null;
      /** Baileys' content key, e.g. `pollCreationMessage` for an unsupported kind. */
      contentType: string;
    })
  | (Header & { type: 'stub'; stubType: number; error: string | null })
  | (Header & { type: 'reaction'; targetId: string; /** null: the reaction was removed */ emoji: string | null })
  | (Header & { type: 'revoke'; targetId: string })
  | (Header & { type: 'edit'; targetId: string; text: string })
  | { type: 'ignore'; id: string; reason: string };

const CIPHERTEXT = proto.WebMessageInfo.StubType.CIPHERTEXT;
const { REVOKE, MESSAGE_EDIT } = proto.Message.ProtocolMessage.Type;

export function parseMessage(m: WAMessage): ParsedMessage {
  const id = m.key?.id ?? '';
  if (!id) return { type: 'ignore', id, reason: 'no message id' };
  const header: Header = { id, fromMe: Boolean(m.key.fromMe), sentAt: toDate(m.messageTimestamp) };

  if (!m.message) {
    if (m.messageStubType === CIPHERTEXT) {
      const error = Array.isArray(m.messageStubParameters) ? m.messageStubParameters[0] : undefined;
      return { ...header, type: 'stub', stubType: CIPHERTEXT, error: typeof error === 'string' ? error : null };
    }
    return { type: 'ignore', id, reason: m.messageStubType ? `stub type ${m.messageStubType}` : 'empty message' };
  }

  // Unwraps ephemeral, view-once, documentWithCaption and the editedMessage wrapper.
  const c = normalizeMessageContent(m.message);
  const protocol = c?.protocolMessage;
  if (protocol) {
    const targetId = protocol.key?.id;
    if (targetId && protocol.type === REVOKE) return { ...header, type: 'revoke', targetId };
    if (targetId && protocol.type === MESSAGE_EDIT && protocol.editedMessage) {
      return { ...header, type: 'edit', targetId, text: textOf(extractMessageContent(protocol.editedMessage)) };
    }
    return { type: 'ignore', id, reason: `protocol message ${protocol.type ?? 'unknown'}` };
  }
  const reaction = c?.reactionMessage;
  if (reaction) {
    const targetId = reaction.key?.id;
    if (!targetId) return { type: 'ignore', id, reason: 'reaction without target' };
    return { ...header, type: 'reaction', targetId, emoji: reaction.text || null };
  }
  if (!isRealMessage(m)) return { type: 'ignore', id, reason: `not a real message (${getContentType(c) ?? 'no content'})` };

  const content = extractMessageContent(m.message) ?? {};
  const contentType = getContentType(content) ?? 'unknown';
  const { kind, attachment } = attachmentOf(content);
  return {
    ...header,
    type: 'content',
    kind,
    text: textOf(content),
    attachment,
    replyToId: contextOf(content, contentType)?.stanzaId ?? null,
    pushName: m.pushName ?? null,
    contentType,
  };
}

function textOf(c: proto.IMessage | undefined): string {
  if (!c) return '';
  return (
    c.conversation ??
    c.extendedTextMessage?.text ??
    c.imageMessage?.caption ??
    c.videoMessage?.caption ??
    c.documentMessage?.caption ??
    c.liveLocationMessage?.caption ??
    ''
  );
}

type Media = proto.Message.IImageMessage &
  proto.Message.IVideoMessage &
  proto.Message.IAudioMessage &
  proto.Message.IDocumentMessage &
  proto.Message.IStickerMessage;

const MEDIA: [keyof proto.IMessage, MediaKind][] = [
  ['imageMessage', 'image'],
  ['videoMessage', 'video'],
  ['audioMessage', 'audio'],
  ['documentMessage', 'document'],
  ['stickerMessage', 'sticker'],
];

function attachmentOf(c: proto.IMessage): { kind: MessageKind; attachment: MessageAttachment | null } {
  for (const [field, mediaKind] of MEDIA) {
    const media = c[field] as Media | null | undefined;
    if (!media) continue;
    const kind: MediaKind = mediaKind === 'audio' && media.ptt ? 'voice' : mediaKind;
    return {
      kind,
      attachment: {
        type: 'media',
        kind,
        mimetype: media.mimetype ?? null,
        file_name: media.fileName ?? null,
        size: media.fileLength == null ? null : toNumber(media.fileLength),
        seconds: media.seconds ?? null,
        width: media.width ?? null,
        height: media.height ?? null,
        status: 'pending',
      },
    };
  }
  const location = c.locationMessage ?? c.liveLocationMessage;
  if (location) {
    const place = c.locationMessage;
    return {
      kind: 'location',
      attachment: {
        type: 'location',
        latitude: location.degreesLatitude ?? 0,
        longitude: location.degreesLongitude ?? 0,
        name: place?.name || null,
        address: place?.address || null,
      },
    };
  }
  const cards = c.contactMessage ? [c.contactMessage] : (c.contactsArrayMessage?.contacts ?? []);
  if (cards.length > 0) return { kind: 'contact', attachment: { type: 'contacts', contacts: parseContactCards(cards) } };
  if (c.conversation != null || c.extendedTextMessage) return { kind: 'text', attachment: null };
  return { kind: 'unsupported', attachment: null };
}

function parseContactCards(cards: proto.Message.IContactMessage[]): ContactCard[] {
  return cards.map((card) => {
    const vcard = card.vcard ?? '';
    // Unfold continuation lines (RFC 6350 §3.2) before reading properties.
    const lines = vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
    const fn = lines.find((l) => /^(?:[\w-]+\.)?FN[;:]/i.test(l));
    const phones = lines
      .filter((l) => /^(?:[\w-]+\.)?TEL[;:]/i.test(l))
      // WhatsApp puts the account's number in `waid=`; the display form follows the colon.
      .map((l) => /waid=(\d+)/i.exec(l)?.[1] ?? l.slice(l.indexOf(':') + 1).replace(/\D/g, ''))
      .filter((p) => p.length > 0);
    const name = card.displayName || (fn ? fn.slice(fn.indexOf(':') + 1).replace(/\\([,;\\])/g, '$1') : '') || phones[0] || 'Contact';
    return { name, phones: [...new Set(phones)], vcard };
  });
}

function contextOf(c: proto.IMessage, contentType: string): proto.IContextInfo | null | undefined {
  const inner = (c as Record<string, unknown>)[contentType];
  return inner && typeof inner === 'object' ? (inner as { contextInfo?: proto.IContextInfo | null }).contextInfo : null;
}

function toDate(ts: WAMessage['messageTimestamp']): Date | null {
  const seconds = ts == null ? 0 : toNumber(ts);
  return seconds > 0 ? new Date(seconds * 1000) : null;
}

/** What the `raw` column holds: JSON only (bytes as base64, int64 as strings). */
export interface StoredWaMessage {
  key: WAMessageKey;
  message: Record<string, unknown> | null;
  messageTimestamp: number | null;
}

export function serializeForStorage(m: Pick<WAMessage, 'key' | 'message' | 'messageTimestamp'>): StoredWaMessage {
  // fromObject returns a proto instance as is and converts a plain one (with Buffers) into
  // one, so toJSON always writes bytes as base64, the form fromObject reads back.
  const message = m.message ? proto.Message.fromObject(m.message).toJSON() : null;
  // The key stays a plain object: remoteJidAlt & co. are not proto fields and would be dropped.
  const key = JSON.parse(JSON.stringify(m.key ?? {})) as WAMessageKey;
  const ts = m.messageTimestamp == null ? null : toNumber(m.messageTimestamp);
  return { key, message, messageTimestamp: ts };
}

/** Back from the `raw` column to a WAMessage (for getMessage, quoting, media download). */
export function restoreMessage(raw: unknown): WAMessage {
  const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<StoredWaMessage> | null;
  if (!value || typeof value !== 'object' || !value.key || typeof value.key !== 'object') {
    throw new Error('stored WhatsApp message has no key');
  }
  return {
    key: { ...value.key },
    message: value.message ? proto.Message.fromObject(value.message) : null,
    messageTimestamp: typeof value.messageTimestamp === 'number' ? value.messageTimestamp : null,
  };
}
