// What a message carries besides text: a media file, a location, contact cards.
// Plain types and pure helpers only: the schema and the browser import this file.

export const MEDIA_KINDS = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export type MessageKind = 'text' | MediaKind | 'location' | 'contact' | 'unsupported';

export interface MediaAttachment {
  type: 'media';
  kind: MediaKind;
  mimetype: string | null;
  file_name: string | null;
  size: number | null;
  seconds?: number | null;
  width?: number | null;
  height?: number | null;
  /** pending: still downloading (inbound) or not yet stored; ready: the file is in the media folder. */
  status: 'pending' | 'ready' | 'failed';
  error?: string | null;
  /** Relative path under the media folder (never sent to browsers). */
  path?: string | null;
  sha256?: string | null;
}

export interface LocationAttachment {
  type: 'location';
  latitude: number;
  longitude: number;
  name: string | null;
  address: string | null;
}

export interface ContactCard {
  name: string;
  phones: string[];
  vcard: string;
}

export interface ContactAttachment {
  type: 'contacts';
  contacts: ContactCard[];
}

export type MessageAttachment = MediaAttachment | LocationAttachment | ContactAttachment;

/** What browsers get: no file path, a download URL once the file is stored. */
export type MessageAttachmentView =
  | (Omit<MediaAttachment, 'path'> & { url: string | null })
  | LocationAttachment
  | ContactAttachment;

export function presentAttachment(messageId: number, attachment: MessageAttachment | null): MessageAttachmentView | null {
  if (!attachment) return null;
  if (attachment.type !== 'media') return attachment;
  const { path, ...rest } = attachment;
  return { ...rest, url: attachment.status === 'ready' && path ? `/api/messages/${messageId}/media` : null };
}

/** A one-line stand-in for a message without text, for previews and the customer's history. */
export function describeAttachment(kind: MessageKind, attachment: MessageAttachment | null): string {
  if (attachment?.type === 'location') return `📍 ${attachment.name ?? `${attachment.latitude}, ${attachment.longitude}`}`;
  if (attachment?.type === 'contacts') return `👤 ${attachment.contacts.map((c) => c.name).join(', ')}`;
  if (attachment?.type === 'media' && attachment.file_name) return `📎 ${attachment.file_name}`;
  const labels: Record<MessageKind, string> = {
    text: '',
    image: '📷 Photo',
    video: '🎬 Video',
    audio: '🎵 Audio',
    voice: '🎤 Voice message',
    document: '📄 Document',
    sticker: '💟 Sticker',
    location: '📍 Location',
    contact: '👤 Contact',
    unsupported: 'Unsupported message',
  };
  return labels[kind];
}

/** WhatsApp's own ceiling for documents is 100 MB; 25 MB keeps uploads quick and the disk sane. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** How an uploaded file goes out: photos and videos as such, everything else as a document. */
export function attachmentKindFor(mimetype: string): MediaKind {
  if (/^image\/(jpeg|png|webp)$/.test(mimetype)) return 'image';
  if (/^video\/(mp4|3gpp)$/.test(mimetype)) return 'video';
  if (/^audio\//.test(mimetype)) return 'audio';
  return 'document';
}
