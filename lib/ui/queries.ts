'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelView, MessageView, QueueCounts, TicketView } from '@/lib/domain/views';
import type { ChannelLink } from '@/lib/realtime/events';
import { api } from './api';
import { QUEUE_LIMIT, queryKeys } from './query-keys';
import { withRecentPushes } from './message-pushes';
import { pushMark, replayOnTicket, replayPushes } from './ticket-event-log';
import { applyToMyTickets, applyToQueue, type QueueData } from './ticket-lists';

// The REST reads of the desk. Socket handlers (lib/realtime/use-desk-sync.ts) write into the same keys.

export function useQueue() {
  return useQuery({
    queryKey: queryKeys.queue,
    queryFn: async ({ signal }): Promise<QueueData> => {
      const mark = pushMark();
      // One extra row tells us whether more are waiting than we show.
      const { tickets } = await api<{ tickets: TicketView[] }>(`/api/tickets/queue?limit=${QUEUE_LIMIT + 1}`, { signal });
      const fetched = { tickets: tickets.slice(0, QUEUE_LIMIT), hasMore: tickets.length > QUEUE_LIMIT };
      return replayPushes(mark, fetched, (d) => d.tickets, (d, ticket) => applyToQueue(d, ticket));
    },
  });
}

export function useMyTickets() {
  return useQuery({
    queryKey: queryKeys.myTickets,
    queryFn: async ({ signal }) => {
      const mark = pushMark();
      const { tickets } = await api<{ tickets: TicketView[] }>('/api/tickets/my-tickets', { signal });
      return replayPushes(mark, tickets, (list) => list, applyToMyTickets);
    },
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

/** One ticket over REST, with what the socket pushed while the read was on its way (a resolve, say) applied on top. */
export async function readTicket(id: number, signal?: AbortSignal): Promise<TicketView> {
  const mark = pushMark();
  const { ticket } = await api<{ ticket: TicketView }>(`/api/tickets/${id}`, { signal });
  return replayOnTicket(mark, ticket);
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.ticket(id),
    queryFn: ({ signal }) => readTicket(id, signal),
  });
}

export function useMessages(id: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.messages(id),
    queryFn: ({ signal }) => api<{ messages: MessageView[] }>(`/api/tickets/${id}/messages`, { signal }).then((r) => withRecentPushes(id, r.messages)),
    enabled,
  });
}

/** Every channel (WhatsApp numbers, the gateway, the simulator); kept live by `channel:updated` (supervisors, admins). */
export function useChannels(enabled = true) {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => api<{ channels: ChannelView[] }>('/api/channels', { signal }).then((r) => r.channels),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The QR or pairing code of a number being linked (admins); `channel:link` pushes every new one. */
export function useChannelLink(channelId: number, enabled: boolean) {
  const client = useQueryClient();
  const key = queryKeys.channelLink(channelId);
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const asked = Date.now();
      const { link } = await api<{ link: ChannelLink | null }>(`/api/channels/${channelId}/link`, { signal });
      // A QR pushed while this answer was on its way is newer than the answer: keep it.
      const cached = client.getQueryState<ChannelLink | null>(key);
      return cached && cached.dataUpdatedAt >= asked ? (cached.data ?? link) : link;
    },
    enabled,
    staleTime: Infinity,
  });
}
