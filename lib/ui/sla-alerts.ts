// Pure rules for the waiting/response SLA as the desk shows it: which alerts are new, how a
// queue row looks. Kept apart from React so they can be unit-tested.
import type { TicketView } from '@/lib/domain/views';
import { FULL_ALERTS_UP_TO, type SlaAlert, type SlaMark, type SlaMarks } from '@/lib/realtime/events';

export type SlaRowState = TicketView['sla_state'];

/**
 * One alert per ticket, kind and wait: a ticket released and left waiting again is a new
 * wait (its queued_at moved on) and may alert again; the same alert arriving twice may not.
 */
export function alertKey(alert: Pick<SlaAlert, 'kind' | 'ticket'>): string {
  const { ticket, kind } = alert;
  if (kind !== 'escalated') return markKey(kind, ticket);
  return `${ticket.id}:${kind}:${ticket.awaiting_reply_since ?? ticket.escalated_at ?? ''}`;
}

/** The key of a waiting mark: the same as its alert's. */
export function markKey(kind: SlaMarks['kind'], mark: Pick<SlaMark, 'id' | 'queued_at'>): string {
  return `${mark.id}:${kind}:${mark.queued_at}`;
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

export interface AlertBurst {
  /** Shown one toast each. */
  each: SlaAlert[];
  /** Or, for a backlog crossing a mark together: how many, and the one that waited longest. */
  summary: { kind: SlaAlert['kind']; count: number; longest: SlaAlert } | null;
}

/**
 * A backlog's marks (one `sla:marks` frame), those the gate has not seen: a few as a toast each,
 * many as one summary (fifty toasts and fifty beeps would bury the desk).
 */
export function admitMarks(gate: ReturnType<typeof createAlertGate>, burst: SlaMarks): AlertBurst {
  const fresh = new Set(burst.marks.filter((mark) => gate.admit(markKey(burst.kind, mark))).map((mark) => mark.id));
  const [longest] = burst.alerts;
  if (!fresh.size || !longest) return { each: [], summary: null };
  if (burst.marks.length <= FULL_ALERTS_UP_TO) return { each: burst.alerts.filter((alert) => fresh.has(alert.ticket.id)), summary: null };
  return { each: [], summary: { kind: burst.kind, count: fresh.size, longest } };
}

/**
 * A cached ticket as the mark leaves it, or null when the mark does not apply to this copy (another
 * stay in the queue, no longer waiting, already there or past it).
 */
export function markedCopy(cached: TicketView | undefined, kind: SlaMarks['kind'], mark: SlaMark): TicketView | null {
  if (!cached || cached.status !== 'pending' || cached.queued_at !== mark.queued_at) return null;
  if (cached.sla_state === kind || cached.sla_state === 'breached') return null;
  return { ...cached, sla_state: kind };
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
