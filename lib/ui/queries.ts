'use client';
import { useQuery } from '@tanstack/react-query';
import type { MessageView, QueueCounts, TicketView } from '@/lib/domain/views';
import { api } from './api';
import { QUEUE_LIMIT, queryKeys } from './query-keys';
import type { QueueData } from './ticket-lists';

// The REST reads of the desk. Socket handlers (lib/realtime/use-desk-sync.ts) write into the same keys.

export function useQueue() {
  return useQuery({
    queryKey: queryKeys.queue,
    queryFn: async ({ signal }): Promise<QueueData> => {
      // One extra row tells us whether more are waiting than we show.
      const { tickets } = await api<{ tickets: TicketView[] }>(`/api/tickets/queue?limit=${QUEUE_LIMIT + 1}`, { signal });
      return { tickets: tickets.slice(0, QUEUE_LIMIT), hasMore: tickets.length > QUEUE_LIMIT };
    },
  });
}

export function useMyTickets() {
  return useQuery({
    queryKey: queryKeys.myTickets,
    queryFn: ({ signal }) => api<{ tickets: TicketView[] }>('/api/tickets/my-tickets', { signal }).then((r) => r.tickets),
  });
}

/** First paint only: after that the hub pushes `queue:counts`, so this never refetches by itself. */
export function useQueueCounts() {
  return useQuery({
    queryKey: queryKeys.counts,
    queryFn: ({ signal }) => api<{ counts: QueueCounts }>('/api/queue/counts', { signal }).then((r) => r.counts),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.ticket(id),
    queryFn: ({ signal }) => api<{ ticket: TicketView }>(`/api/tickets/${id}`, { signal }).then((r) => r.ticket),
  });
}

export function useMessages(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.messages(id),
    queryFn: ({ signal }) => api<{ messages: MessageView[] }>(`/api/tickets/${id}/messages`, { signal }).then((r) => r.messages),
    enabled,
  });
}
