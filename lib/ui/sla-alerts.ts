// Pure rules for the waiting/response SLA as the desk shows it: which alerts are new, how a
// queue row looks. Kept apart from React so they can be unit-tested.
import type { TicketView } from '@/lib/domain/views';
import type { SlaAlert } from '@/lib/realtime/events';

export type SlaRowState = TicketView['sla_state'];

/**
 * One alert per ticket, kind and wait: a ticket released and left waiting again is a new
 * wait (its queued_at moved on) and may alert again; the same alert arriving twice may not.
 */
export function alertKey(alert: Pick<SlaAlert, 'kind' | 'ticket'>): string {
  const { ticket, kind } = alert;
  const stay = kind === 'escalated' ? (ticket.awaiting_reply_since ?? ticket.escalated_at ?? '') : ticket.queued_at;
  return `${ticket.id}:${kind}:${stay}`;
}

/** Remembers the last `limit` keys it admitted; `admit` says whether a key is new. */
export function createAlertGate(limit = 500) {
  const seen = new Set<string>();
  return {
    admit(key: string): boolean {
      if (seen.has(key)) return false;
      seen.add(key);
      // A Set iterates in insertion order: the first key is the oldest.
      if (seen.size > limit) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}

/** How a queue row is marked: only a waiting ticket has a waiting SLA. */
export function rowSlaState(ticket: Pick<TicketView, 'status' | 'sla_state'>): SlaRowState {
  return ticket.status === 'pending' ? ticket.sla_state : 'ok';
}

/** A breach or escalation stays up until someone acts on it or dismisses it; a warning passes. */
export function alertDurationMs(kind: SlaAlert['kind']): number {
  return kind === 'warning' ? 10_000 : 60_000;
}

/** The row tints, light and dark: amber nearing the limit, red past it. */
export const SLA_ROW_CLASS: Record<SlaRowState, string> = {
  ok: '',
  warning: 'bg-amber-50 hover:bg-amber-100/70 dark:bg-amber-950/40 dark:hover:bg-amber-950/60',
  breached: 'bg-red-50 hover:bg-red-100/70 dark:bg-red-950/45 dark:hover:bg-red-950/65',
};
