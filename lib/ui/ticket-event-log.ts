// The tickets the socket pushed lately. A list fetched over REST may have left the server
// before some of them happened; when its answer arrives, those pushes are applied on top of
// it, so a slow refetch never wipes out a ticket that appeared (or left) in the meantime.
import type { TicketView } from '@/lib/domain/views';
import type { SlaMark, SlaMarks } from '@/lib/realtime/events';
import { markedCopy } from './sla-alerts';
import { newer } from './ticket-lists';

/** A whole ticket, or a waiting mark (`sla:marks` carries only the ticket's id and stay). */
type Pushed = { ticket: TicketView } | { kind: SlaMarks['kind']; mark: SlaMark };

type Entry = Pushed & { n: number; myId: number };

const log: Entry[] = [];
const LIMIT = 1_000;
let counter = 0;

function remember(pushed: Pushed, myId: number): void {
  log.push({ ...pushed, n: ++counter, myId });
  if (log.length > LIMIT) log.shift();
}

export function recordTicketPush(ticket: TicketView, myId: number): void {
  remember({ ticket }, myId);
}

/** A mark reached a ticket this tab may not hold yet: a list fetched meanwhile gets it on arrival. */
export function recordSlaMark(kind: SlaMarks['kind'], mark: SlaMark, myId: number): void {
  remember({ kind, mark }, myId);
}

/** Take before a fetch starts; hand to `replayPushes` when it answers. */
export const pushMark = (): number => counter;

/**
 * Applies every push since `mark` to freshly fetched tickets, unless the fetched copy of that
 * ticket is newer than the push (or, for a waiting mark, is another stay or already past it).
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
    if ('mark' in entry) {
      // Applies only to the same stay in the queue, not yet at the mark (markedCopy's rules).
      const marked = markedCopy(tickets(data).find((t) => t.id === entry.mark.id), entry.kind, entry.mark);
      if (marked) data = apply(data, marked, entry.myId);
      continue;
    }
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
