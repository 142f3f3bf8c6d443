'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useDesk } from '@/components/desk/desk-context';
import type { TicketView } from '@/lib/domain/views';
import { applyTicket } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';

/**
 * POSTs one of the ticket's actions (priority, release, assign) and puts the answer into every
 * list at once; a refusal becomes the API's own sentence, handed to `onError`.
 */
export function useTicketAction(ticketId: number, onError: (message: string | null) => void) {
  const t = useTranslations('chat');
  const client = useQueryClient();
  const { me } = useDesk();
  const [busy, setBusy] = useState<string | null>(null);

  async function run(action: 'priority' | 'release' | 'assign', body?: object): Promise<TicketView | null> {
    setBusy(action);
    onError(null);
    try {
      const { ticket } = await api<{ ticket: TicketView }>(`/api/tickets/${ticketId}/${action}`, { method: 'POST', body });
      applyTicket(client, ticket, me.id);
      return ticket;
    } catch (error) {
      onError(isApiError(error) && error.status > 0 ? error.message : t('actionFailed'));
      return null;
    } finally {
      setBusy(null);
    }
  }

  return { run, busy };
}
