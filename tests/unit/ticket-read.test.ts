import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketView } from '@/lib/domain/views';
import { readTicket } from '@/lib/ui/queries';
import { recordTicketPush } from '@/lib/ui/ticket-event-log';

const ticket = (id: number, status: TicketView['status'], updatedAt: string) =>
  ({ id, status, priority: 'medium', created_at: '2026-11-24T10:00:00.000Z', updated_at: updatedAt }) as TicketView;

/** A fetch whose answer the test hands over when it likes: the read is "on its way" until then. */
function slowFetch() {
  let answer: (body: unknown) => void = () => {};
  const pending = new Promise<Response>((resolve) => {
    answer = (body) => resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  });
  vi.stubGlobal('fetch', vi.fn(() => pending));
  return answer;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reading one ticket while the socket pushes', () => {
  it('keeps the resolve that landed while the read (which saw it assigned) was on its way', async () => {
    const answer = slowFetch();
    const read = readTicket(31);
    recordTicketPush(ticket(31, 'resolved', '2026-11-24T10:00:05.000Z'), 7);
    answer({ ticket: ticket(31, 'assigned', '2026-11-24T10:00:01.000Z') });
    expect((await read).status).toBe('resolved');
  });

  it('shows the read when it is newer than what was pushed meanwhile', async () => {
    const answer = slowFetch();
    const read = readTicket(32);
    recordTicketPush(ticket(32, 'assigned', '2026-11-24T10:00:02.000Z'), 7);
    answer({ ticket: ticket(32, 'resolved', '2026-11-24T10:00:09.000Z') });
    expect((await read).status).toBe('resolved');
  });
});
