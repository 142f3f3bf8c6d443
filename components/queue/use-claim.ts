'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useDesk } from '@/components/desk/desk-context';
import type { TicketView } from '@/lib/domain/views';
import { applyTicket } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';
import { removeFromQueue, type QueueData } from '@/lib/ui/ticket-lists';

export interface ClaimConflict {
  ticketId: number;
  /** `capacity_reached`: the ticket still waits, this agent is full; otherwise someone else has it. */
  code: string;
  message: string;
}

/**
 * One-click claim. The winner goes straight to the chat; a loser gets the server's calm
 * explanation (who won) and the row disappears, never an error page.
 */
export function useClaim() {
  const t = useTranslations('queue');
  const client = useQueryClient();
  const router = useRouter();
  const { me } = useDesk();
  const [claimingId, setClaimingId] = useState<number | null>(null);
  const [conflict, setConflict] = useState<ClaimConflict | null>(null);
  const busy = useRef(false);

  const claim = useCallback(
    async (ticketId: number) => {
      if (busy.current) return;
      busy.current = true;
      setClaimingId(ticketId);
      setConflict(null);
      try {
        const { ticket } = await api<{ ticket: TicketView }>(`/api/tickets/${ticketId}/claim`, { method: 'POST' });
        applyTicket(client, ticket, me.id);
        client.setQueryData(queryKeys.ticket(ticketId), ticket);
        router.push(`/tickets/${ticketId}`);
      } catch (error) {
        if (isApiError(error, 409) && error.details?.assigned_agent_id === me.id) {
          router.push(`/tickets/${ticketId}`);
        } else if (isApiError(error, 409) && error.code === 'capacity_reached') {
          // The ticket is still there for others: keep the row, say why this agent cannot take it.
          setConflict({ ticketId, code: error.code, message: error.message });
        } else if (isApiError(error, 409) || isApiError(error, 404)) {
          client.setQueryData<QueueData>(queryKeys.queue, (data) => data && removeFromQueue(data, ticketId));
          setConflict({ ticketId, code: error.code, message: error.message });
        } else {
          toast.error(isApiError(error) && error.status > 0 ? error.message : t('claimFailed'));
        }
      } finally {
        busy.current = false;
        setClaimingId(null);
      }
    },
    [client, me.id, router, t],
  );

  return { claim, claimingId, conflict, clearConflict: () => setConflict(null) };
}
