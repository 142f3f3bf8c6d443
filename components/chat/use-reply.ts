'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { attachmentKindFor, MAX_ATTACHMENT_BYTES, type MediaKind } from '@/lib/domain/attachments';
import type { MessageView, TicketView } from '@/lib/domain/views';
import { upsertMessage } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';
import { newClientId } from '@/lib/ui/client-id';
import { queryKeys } from '@/lib/ui/query-keys';
import { compareMyTickets } from '@/lib/ui/ticket-lists';

export interface OptimisticReply {
  clientId: string;
  text: string;
  createdAt: string;
  file: { name: string; size: number; mimetype: string; kind: MediaKind } | null;
}

// Unsent text (and a chosen file) survive switching between chats (per tab, not stored anywhere).
const drafts = new Map<number, string>();
const draftFiles = new Map<number, File>();

/**
 * Sends a reply (text, or a file with the text as its caption) with an optimistic bubble. The
 * bubble carries a client id that the server stores; the real message (from the response or the
 * socket, whichever is first) replaces it.
 */
export function useReply(ticketId: number) {
  const t = useTranslations('chat');
  const client = useQueryClient();
  const [text, setTextState] = useState(() => drafts.get(ticketId) ?? '');
  const [file, setFileState] = useState<File | null>(() => draftFiles.get(ticketId) ?? null);
  const [pending, setPending] = useState<OptimisticReply[]>([]);
  const [error, setError] = useState<string | null>(null);

  function setText(value: string) {
    if (value) drafts.set(ticketId, value);
    else drafts.delete(ticketId);
    setTextState(value);
  }

  function setFile(value: File | null) {
    if (value && value.size > MAX_ATTACHMENT_BYTES) {
      setError(t('fileTooLarge', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 }));
      return;
    }
    if (value && value.size === 0) {
      setError(t('fileEmpty'));
      return;
    }
    setError(null);
    if (value) draftFiles.set(ticketId, value);
    else draftFiles.delete(ticketId);
    setFileState(value);
  }

  async function send(value: string, attachment: File | null = null) {
    const clientId = newClientId();
    setError(null);
    const mimetype = attachment?.type || 'application/octet-stream';
    const fileInfo = attachment ? { name: attachment.name, size: attachment.size, mimetype, kind: attachmentKindFor(mimetype) } : null;
    setPending((list) => [...list, { clientId, text: value, createdAt: new Date().toISOString(), file: fileInfo }]);
    if (attachment) setFile(null);
    try {
      let message: MessageView;
      if (attachment) {
        const form = new FormData();
        form.set('file', attachment, attachment.name);
        if (value) form.set('caption', value);
        form.set('client_id', clientId);
        ({ message } = await api<{ message: MessageView }>(`/api/tickets/${ticketId}/attachments`, { method: 'POST', body: form }));
      } else {
        ({ message } = await api<{ message: MessageView }>(`/api/tickets/${ticketId}/reply`, {
          method: 'POST',
          body: { text: value, client_id: clientId },
        }));
      }
      upsertMessage(client, message);
      // Our own reply is activity too: the chat moves to the top of "my tickets".
      client.setQueryData<TicketView[]>(queryKeys.myTickets, (list) =>
        list
          ?.map((ticket) => (ticket.id === ticketId ? { ...ticket, last_message_at: message.created_at, unread_count: 0 } : ticket))
          .sort(compareMyTickets),
      );
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : attachment ? t('uploadFailed') : t('sendFailed'));
      // Nothing typed (or chosen) is lost: the text and the file go back into the box.
      setTextState((current) => {
        const restored = current || value;
        if (restored) drafts.set(ticketId, restored);
        return restored;
      });
      if (attachment) {
        draftFiles.set(ticketId, attachment);
        setFileState((current) => current ?? attachment);
      }
    } finally {
      setPending((list) => list.filter((reply) => reply.clientId !== clientId));
    }
  }

  return { text, setText, file, setFile, pending, error, clearError: () => setError(null), send };
}
