// The tickets the socket pushed lately. A list fetched over REST may have left the server
// before some of them happened; when its answer arrives, those pushes are applied on top of
// it, so a slow refetch never wipes out a ticket that appeared (or left) in the meantime.
import type { TicketView } from '@/lib/domain/views';
import { newer } from './ticket-lists';

interface Entry {
  n: number;
  ticket: TicketView;
  myId: number;
}

const log: Entry[] = [];
const LIMIT = 1_000;
let counter = 0;

export function recordTicketPush(ticket: TicketView, myId: number): void {
  log.push({ n: ++counter, ticket, myId });
  if (log.length > LIMIT) log.shift();
}

/** Take before a fetch starts; hand to `replayPushes` when it answers. */
export const pushMark = (): number => counter;

/**
 * Applies every push since `mark` to freshly fetched tickets, unless the fetched copy of that
 * ticket is newer than the push.
 */
export function replayPushes<T>(
  mark: number,
  fetched: T,
  tickets: (data: T) => TicketView[],
  apply: (data: T, ticket: TicketView, myId: number) => T,
): T {
  let data = fetched;
  for (const entry of log) {
    if (entry.n <= mark) continue;
    const copy = tickets(data).find((t) => t.id === entry.ticket.id);
    if (copy && Date.parse(copy.updated_at) > Date.parse(entry.ticket.updated_at)) continue;
    data = apply(data, entry.ticket, entry.myId);
  }
  return data;
}

/**
 * One fetched ticket with the pushes since `mark` applied: a read that left before a resolve
 * (or any push) and answered after it must not put the older state back on screen.
 */
export function replayOnTicket(mark: number, fetched: TicketView): TicketView {
  return replayPushes(
    mark,
    fetched,
    (ticket) => [ticket],
    (current, pushed) => (pushed.id === current.id ? newer(current, pushed) : current),
  );
}
