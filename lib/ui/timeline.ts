// A ticket event as one line of the timeline: which message to show and with what. Pure, so
// every kind of event (and the data it carries) is unit-tested without a browser.
import type { TicketEventView, TicketPriority } from '@/lib/domain/views';
import { formatWaiting } from './format';

export interface TimelineLine {
  kind: string;
  /** Why it happened, when the event says (keyword, manual, agent_offline, auto…). */
  reason: string | null;
  /** A key of the `timeline` messages. */
  key: string;
  values: Record<string, string>;
}

interface Helpers {
  agentName: (id: number) => string | null;
  priorityLabel: (priority: TicketPriority) => string;
  unknownAgent: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : null);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function describeEvent(event: TicketEventView, helpers: Helpers): TimelineLine {
  const { data } = event;
  const reason = str(data.reason);
  const who = (id: unknown) => (num(id) !== null ? helpers.agentName(num(id)!) : null) ?? helpers.unknownAgent;
  const actor = event.actor_name ?? (event.actor_id !== null ? who(event.actor_id) : helpers.unknownAgent);
  const priority = (value: unknown) => (str(value) ? helpers.priorityLabel(str(value) as TicketPriority) : '—');
  const waited = num(data.waited_seconds) !== null ? formatWaiting(num(data.waited_seconds)! * 1000) : '—';
  const line = (key: string, values: Record<string, string> = {}): TimelineLine => ({ kind: event.type, reason, key, values });

  switch (event.type) {
    case 'created':
      return line('created', { priority: priority(data.priority) });
    case 'priority_changed':
      if (reason === 'keyword') {
        return line('keyword', { keyword: str(data.keyword) ?? '—', from: priority(data.from), to: priority(data.to) });
      }
      return line('priorityChanged', { actor, from: priority(data.from), to: priority(data.to) });
    case 'claimed':
      return line('claimed', { actor });
    case 'released':
      if (reason === 'agent_offline' || reason === 'agent_away') return line(reason === 'agent_offline' ? 'releasedOffline' : 'releasedAway', { agent: who(data.from_agent_id) });
      return line('released', { actor });
    case 'transferred': {
      const to = str(data.to_agent_name) ?? who(data.to_agent_id);
      if (reason === 'agent_offline' || reason === 'agent_away') {
        return line(reason === 'agent_offline' ? 'reassignedOffline' : 'reassignedAway', { agent: who(data.from_agent_id), to });
      }
      return line('transferred', { actor, from: who(data.from_agent_id), to });
    }
    case 'assigned': {
      const to = str(data.to_agent_name) ?? who(data.to_agent_id);
      return reason === 'auto' ? line('autoAssigned', { to }) : line('assigned', { actor, to });
    }
    case 'escalated':
      return line('escalated', { to: priority(data.to_priority ?? 'urgent'), waited });
    case 'sla_warning':
      return line('slaWarning', { waited });
    case 'sla_breached':
      return line('slaBreached', { waited });
    case 'resolved':
      return line('resolved', { actor });
    case 'reopened':
      return line('reopened');
    case 'out_of_hours':
      return line('outOfHours');
    default:
      return line('other', { type: event.type });
  }
}
