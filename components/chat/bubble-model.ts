import type { MessageView } from '@/lib/domain/views';
import type { BubbleMessage } from './message-bubble';
import type { OptimisticReply } from './use-reply';

export const toBubble = (m: MessageView): BubbleMessage => ({
  id: m.id,
  clientId: m.client_id,
  direction: m.direction,
  sender: m.sender,
  authorName: m.author_name,
  text: m.text,
  kind: m.kind ?? 'text',
  media: m.media ?? null,
  status: m.status,
  error: m.error,
  createdAt: m.created_at,
  fromPhone: m.from_phone ?? false,
  stub: m.stub ?? false,
  editedAt: m.edited_at ?? null,
  originalText: m.original_text ?? null,
  deletedAt: m.deleted_at ?? null,
  reactions: m.reactions ?? {},
});

/** Our reply before the server has it: a text, or a file still uploading (with its caption). */
export const optimistic = (r: OptimisticReply, authorName: string): BubbleMessage => ({
  id: null,
  clientId: r.clientId,
  direction: 'out',
  sender: 'agent',
  authorName,
  text: r.text,
  kind: r.file?.kind ?? 'text',
  media: r.file
    ? { type: 'media', kind: r.file.kind, mimetype: r.file.mimetype, file_name: r.file.name, size: r.file.size, status: 'pending', url: null }
    : null,
  status: 'queued',
  error: null,
  createdAt: r.createdAt,
  fromPhone: false,
  stub: false,
  editedAt: null,
  originalText: null,
  deletedAt: null,
  reactions: {},
});
