'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TicketView } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';

function subscribeVisibility(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const useVisible = () =>
  useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === 'visible',
    () => false,
  );

/** The assignee looking at the chat has read it: clear the unread marker (again as messages arrive). */
export function useMarkRead(ticket: TicketView | undefined, myId: number) {
  const client = useQueryClient();
  const visible = useVisible();
  const inFlight = useRef(false);
  // Bumped when a request ends, so messages that arrived meanwhile are marked read too.
  const [round, setRound] = useState(0);
  const mine = ticket?.status === 'assigned' && ticket.assigned_agent_id === myId;
  const unread = ticket?.unread_count ?? 0;
  const ticketId = ticket?.id;

  useEffect(() => {
    if (!mine || !unread || !visible || ticketId === undefined || inFlight.current) return;
    inFlight.current = true;
    // Cleared here at once; the hub's push confirms it. The response itself is not applied: it
    // may arrive after a later change (a resolve) and would bring back a stale state.
    const clear = (t: TicketView) => (t.id === ticketId ? { ...t, unread_count: 0 } : t);
    client.setQueryData<TicketView[]>(queryKeys.myTickets, (list) => list?.map(clear));
    client.setQueryData<TicketView>(queryKeys.ticket(ticketId), (t) => t && clear(t));
    api(`/api/tickets/${ticketId}/read`, { method: 'POST' })
      .catch(() => {
        // Not worth interrupting anyone: the server keeps its count and the next refetch shows it.
      })
      .finally(() => {
        inFlight.current = false;
        setRound((n) => n + 1);
      });
  }, [mine, unread, visible, ticketId, client, round]);
}
