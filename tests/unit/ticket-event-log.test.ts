import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../lib/domain/views';
import { pushMark, recordSlaMark, recordTicketPush, replayOnTicket, replayPushes } from '../../lib/ui/ticket-event-log';
import { applyToQueue, type QueueData } from '../../lib/ui/ticket-lists';

const ticket = (id: number, status: TicketView['status'], updatedAt: string): TicketView =>
  ({
    id,
    status,
    priority: 'medium',
    created_at: '2026-01-05T08:00:00.000Z',
    updated_at: updatedAt,
  }) as TicketView;

const replayQueue = (mark: number, fetched: QueueData) =>
  replayPushes(mark, fetched, (d) => d.tickets, (d, t) => applyToQueue(d, t));

describe('a refetch that raced the socket', () => {
  it('keeps a ticket pushed while the (empty) queue was being fetched', () => {
    const mark = pushMark();
    recordTicketPush(ticket(1, 'pending', '2026-01-05T08:00:01.000Z'), 7);
    const data = replayQueue(mark, { tickets: [], hasMore: false });
    expect(data.tickets.map((t) => t.id)).toEqual([1]);
  });

  it('drops a ticket claimed while the queue was being fetched', () => {
    const mark = pushMark();
    recordTicketPush(ticket(2, 'assigned', '2026-01-05T08:00:05.000Z'), 7);
    const data = replayQueue(mark, { tickets: [ticket(2, 'pending', '2026-01-05T08:00:01.000Z')], hasMore: false });
    expect(data.tickets).toEqual([]);
  });

  it('keeps the fetched copy when it is newer than the push, and ignores pushes from before the fetch', () => {
    recordTicketPush(ticket(3, 'assigned', '2026-01-05T08:00:02.000Z'), 7);
    const mark = pushMark();
    recordTicketPush(ticket(4, 'assigned', '2026-01-05T08:00:02.000Z'), 7);
    const fetched = { tickets: [ticket(3, 'pending', '2026-01-05T08:00:09.000Z'), ticket(4, 'pending', '2026-01-05T08:00:09.000Z')], hasMore: false };
    expect(replayQueue(mark, fetched).tickets.map((t) => t.id)).toEqual([3, 4]);
  });
});

describe('a queue fetch that raced a backlog crossing a waiting mark', () => {
  const waiting = (id: number, queuedAt: string, sla: TicketView['sla_state'] = 'ok'): TicketView =>
    ({ ...ticket(id, 'pending', '2026-01-05T08:00:00.000Z'), queued_at: queuedAt, sla_state: sla }) as TicketView;
  const stay = '2026-01-05T07:50:00.000Z';

  it('shows the mark on tickets the tab did not hold when the marks came', () => {
    const mark = pushMark();
    recordSlaMark('breached', { id: 30, queued_at: stay, waited_seconds: 600 }, 7);
    recordSlaMark('breached', { id: 31, queued_at: stay, waited_seconds: 590 }, 7);
    const data = replayQueue(mark, { tickets: [waiting(30, stay), waiting(31, stay), waiting(32, stay)], hasMore: false });
    expect(data.tickets.map((t) => [t.id, t.sla_state])).toEqual([
      [30, 'breached'],
      [31, 'breached'],
      [32, 'ok'],
    ]);
  });

  it('leaves a later stay in the queue, and a ticket already past the mark, as fetched', () => {
    const mark = pushMark();
    recordSlaMark('warning', { id: 33, queued_at: stay, waited_seconds: 300 }, 7);
    recordSlaMark('warning', { id: 34, queued_at: stay, waited_seconds: 300 }, 7);
    const later = '2026-01-05T08:10:00.000Z';
    const data = replayQueue(mark, { tickets: [waiting(33, later), waiting(34, stay, 'breached')], hasMore: false });
    expect(data.tickets.map((t) => [t.id, t.sla_state])).toEqual([
      [33, 'ok'],
      [34, 'breached'],
    ]);
  });
});

describe('a ticket read that raced a resolve', () => {
  it('keeps "resolved" when the read left while the ticket was still assigned', () => {
    const mark = pushMark();
    recordTicketPush(ticket(20, 'resolved', '2026-01-05T08:00:05.000Z'), 7);
    recordTicketPush(ticket(21, 'pending', '2026-01-05T08:00:06.000Z'), 7);
    const shown = replayOnTicket(mark, ticket(20, 'assigned', '2026-01-05T08:00:01.000Z'));
    expect(shown.id).toBe(20);
    expect(shown.status).toBe('resolved');
  });

  it('shows the read when it is newer than what was pushed during it', () => {
    const mark = pushMark();
    recordTicketPush(ticket(22, 'assigned', '2026-01-05T08:00:02.000Z'), 7);
    expect(replayOnTicket(mark, ticket(22, 'resolved', '2026-01-05T08:00:09.000Z')).status).toBe('resolved');
  });
});
