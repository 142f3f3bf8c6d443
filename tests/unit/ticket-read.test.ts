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
  it.each([
    ['keeps the resolve that landed while the read (which saw it assigned) was on its way', 31, ['resolved', '10:00:05'], ['assigned', '10:00:01']],
    ['shows the read when it is newer than what was pushed meanwhile', 32, ['assigned', '10:00:02'], ['resolved', '10:00:09']],
  ] as const)('%s', async (_, id, [pushedStatus, pushedAt], [readStatus, readAt]) => {
    const answer = slowFetch();
    const read = readTicket(id);
    recordTicketPush(ticket(id, pushedStatus, `2026-11-24T${pushedAt}.000Z`), 7);
    answer({ ticket: ticket(id, readStatus, `2026-11-24T${readAt}.000Z`) });
    expect((await read).status).toBe('resolved');
  });
});
