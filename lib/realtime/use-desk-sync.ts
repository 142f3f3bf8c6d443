'use client';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { ChannelView, MessageView, QueueCounts, TicketView } from '@/lib/domain/views';
import { queryKeys } from '@/lib/ui/query-keys';
import { mergeMessage, recordMessagePush } from '@/lib/ui/message-pushes';
import { applyPush, refetchFresh } from '@/lib/ui/refetch-fresh';
import { markedCopy } from '@/lib/ui/sla-alerts';
import { recordSlaMark, recordTicketPush } from '@/lib/ui/ticket-event-log';
import { applyToMyTickets, applyToQueue, newer, type QueueData } from '@/lib/ui/ticket-lists';
import type { SlaMarks } from './events';
import { useSocketEvents } from './use-socket-events';

// Cache entries whose truth arrives by socket; after a gap the socket could not replay, refetch them.
const PUSHED = new Set<unknown>(['queue', 'my-tickets', 'ticket', 'messages', 'channels', 'channel-link']);

// The newest updated_at seen per ticket. A REST response can land after a socket push that
// already carried a later state (e.g. a slow request racing a resolve); such a stale copy is dropped.
const versions = new Map<number, number>();

function isStale(ticket: TicketView): boolean {
  const at = Date.parse(ticket.updated_at);
  const seen = versions.get(ticket.id);
  if (seen !== undefined && at < seen) return true;
  versions.set(ticket.id, at);
  return false;
}

/** Puts one ticket's new state into every list and detail view that holds it. */
export function applyTicket(client: QueryClient, ticket: TicketView, myId: number): void {
  if (isStale(ticket)) return;
  recordTicketPush(ticket, myId); // for lists whose fetch is still on its way
  client.setQueryData<QueueData>(queryKeys.queue, (data) => data && applyToQueue(data, ticket));
  client.setQueryData<TicketView[]>(queryKeys.myTickets, (list) => list && applyToMyTickets(list, ticket, myId));
  client.setQueryData<TicketView>(queryKeys.ticket(ticket.id), (current) => current && newer(current, ticket));
}

/**
 * A backlog crossed a waiting mark: the copies this tab holds take the mark's state, pushed like
 * any ticket's. A list whose fetch is on its way gets the marks when it lands (ticket-event-log).
 */
function applySlaMarks(client: QueryClient, burst: SlaMarks, myId: number): void {
  const queued = client.getQueryData<QueueData>(queryKeys.queue)?.tickets ?? [];
  for (const mark of burst.marks) {
    recordSlaMark(burst.kind, mark, myId);
    const cached = client.getQueryData<TicketView>(queryKeys.ticket(mark.id)) ?? queued.find((t) => t.id === mark.id);
    const marked = markedCopy(cached, burst.kind, mark);
    if (marked) applyTicket(client, marked, myId);
  }
}

export function upsertMessage(client: QueryClient, message: MessageView): void {
  if (!message.ticket_id) return;
  recordMessagePush(message.ticket_id, message);
  client.setQueryData<MessageView[]>(queryKeys.messages(message.ticket_id), (list) => (list ? mergeMessage(list, message) : list));
}

/** A channel's new state, into the channels list (added when it is new to this tab). */
export function upsertChannel(client: QueryClient, channel: ChannelView): void {
  applyPush<ChannelView[]>(client, queryKeys.channels, (list) => {
    const index = list.findIndex((c) => c.id === channel.id);
    if (index === -1) return [...list, channel].sort((a, b) => a.id - b.id);
    const current = list[index] as ChannelView;
    if (current.status_at && channel.status_at && Date.parse(channel.status_at) < Date.parse(current.status_at)) return list;
    const next = list.slice();
    next[index] = channel;
    return next;
  });
}

/**
 * Keeps every list of the desk in step with the hub, for as long as the desk is open.
 * `session:hello` comes on every (re)connect: unless Socket.IO replayed what was missed,
 * the pushed lists are refetched (this also closes the gap between the first fetch and the join).
 */
export function useDeskSync(myId: number): void {
  const client = useQueryClient();
  useSocketEvents({
    'session:hello': (hello) => {
      if (hello.recovered) return;
      void refetchFresh(client, { predicate: (query) => PUSHED.has(query.queryKey[0]) });
    },
    'ticket:created': (ticket) => applyTicket(client, ticket, myId),
    'tickets:created': (tickets) => {
      for (const ticket of tickets) applyTicket(client, ticket, myId);
    },
    'ticket:updated': (ticket) => applyTicket(client, ticket, myId),
    'sla:marks': (burst) => applySlaMarks(client, burst, myId),
    'queue:counts': (counts: QueueCounts) => client.setQueryData(queryKeys.counts, counts),
    'message:created': ({ message }) => upsertMessage(client, message),
    'message:updated': ({ message }) => upsertMessage(client, message),
    'channel:updated': (channel) => upsertChannel(client, channel),
    'channel:alert': ({ channel }) => upsertChannel(client, channel),
    'channel:link': (link) => client.setQueryData(queryKeys.channelLink(link.channel_id), link),
  });
}
