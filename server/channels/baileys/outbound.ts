import type { AnyMessageContent } from '@whiskeysockets/baileys';
import type { ContactRow } from '../../../lib/db/schema';
import type { OutboundDelivery } from '../../../lib/domain/outbound';
import { SendError } from '../types';

/** Where a reply goes: the phone number when we know it (the safer form for 1:1 chats), else the LID. */
export function customerJid(contact: Pick<ContactRow, 'phoneJid' | 'lidJid'>): string {
  const jid = contact.phoneJid ?? contact.lidJid;
  if (!jid) throw new SendError('This customer has no WhatsApp address.', true);
  return jid;
}

/** What Baileys' sendMessage takes for one of our messages: text, or a stored file with its caption. */
export function messageContent(delivery: OutboundDelivery, absolutePath: (path: string) => string): AnyMessageContent {
  const { message, mediaPath } = delivery;
  const media = message.media;
  if (!media || media.type !== 'media') {
    if (!message.text.trim()) throw new SendError('There is nothing to send: the message is empty.', true);
    return { text: message.text };
  }
  if (!mediaPath) throw new SendError('The attachment file is missing.', true);
  const file = { url: absolutePath(mediaPath) };
  const caption = message.text || undefined;
  const mimetype = media.mimetype ?? 'application/octet-stream';
  switch (media.kind) {
    case 'image':
      return { image: file, caption, mimetype };
    case 'video':
      return { video: file, caption, mimetype };
    case 'audio':
    case 'voice':
      return { audio: file, mimetype, ptt: media.kind === 'voice' };
    case 'sticker':
      return { sticker: file };
    default:
      return { document: file, mimetype, fileName: media.file_name ?? 'file', caption };
  }
}

/** Errors sendMessage throws: a closed connection is worth another try, a bad request is not. */
export function classifySendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const status = (error as { output?: { statusCode?: number } })?.output?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  const permanent = status === 400 || status === 403 || status === 404 || status === 406 || status === 463;
  return new SendError(`WhatsApp: ${message}${status ? ` (${status})` : ''}`, permanent);
}
