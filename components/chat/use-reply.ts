'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
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
}

// Unsent text survives switching between chats (per tab, not stored anywhere).
const drafts = new Map<number, string>();

/**
 * Sends a reply with an optimistic bubble. The bubble carries a client id that the server
 * stores; the real message (from the response or the socket, whichever is first) replaces it.
 */
export function useReply(ticketId: number) {
  const t = useTranslations('chat');
  const client = useQueryClient();
  const [text, setTextState] = useState(() => drafts.get(ticketId) ?? '');
  const [pending, setPending] = useState<OptimisticReply[]>([]);
  const [error, setError] = useState<string | null>(null);

  function setText(value: string) {
    if (value) drafts.set(ticketId, value);
    else drafts.delete(ticketId);
    setTextState(value);
  }

  async function send(value: string) {
    const clientId = newClientId();
    setError(null);
    setPending((list) => [...list, { clientId, text: value, createdAt: new Date().toISOString() }]);
    try {
      const { message } = await api<{ message: MessageView }>(`/api/tickets/${ticketId}/reply`, {
        method: 'POST',
        body: { text: value, client_id: clientId },
      });
      upsertMessage(client, message);
      // Our own reply is activity too: the chat moves to the top of "my tickets".
      client.setQueryData<TicketView[]>(queryKeys.myTickets, (list) =>
        list
          ?.map((ticket) => (ticket.id === ticketId ? { ...ticket, last_message_at: message.created_at, unread_count: 0 } : ticket))
          .sort(compareMyTickets),
      );
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('sendFailed'));
      // Nothing typed is lost: the text goes back into an empty box.
      setTextState((current) => {
        const restored = current || value;
        drafts.set(ticketId, restored);
        return restored;
      });
    } finally {
      setPending((list) => list.filter((reply) => reply.clientId !== clientId));
    }
  }

  return { text, setText, pending, error, clearError: () => setError(null), send };
}
