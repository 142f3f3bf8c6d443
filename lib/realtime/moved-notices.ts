// "Your tickets were handed on while you were offline": the hub says it once, the moment the
// tab connects, possibly before React has mounted anything that listens. The socket feeds this
// store from its very creation (socket-client.ts) and the banner reads it whenever it mounts.
import { useSyncExternalStore } from 'react';
import type { Notice } from './events';

export type MovedTickets = Notice['tickets'];

const EMPTY: MovedTickets = [];
let moved: MovedTickets = EMPTY;
const listeners = new Set<() => void>();
const changed = () => {
  for (const listener of listeners) listener();
};

export function recordNotice(notice: Notice): void {
  if (notice.kind !== 'tickets_moved' || !notice.tickets.length) return;
  const known = new Set(moved.map((m) => m.ticket_id));
  const fresh = notice.tickets.filter((m) => !known.has(m.ticket_id));
  if (!fresh.length) return;
  moved = [...moved, ...fresh];
  changed();
}

export function clearMovedTickets(): void {
  if (moved === EMPTY) return;
  moved = EMPTY;
  changed();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMovedTickets(): MovedTickets {
  return useSyncExternalStore(
    subscribe,
    () => moved,
    () => EMPTY,
  );
}
