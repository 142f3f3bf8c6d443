'use client';
import { useTranslations } from 'next-intl';
import { NativeSelect } from '@/components/ui/input';
import type { AgentView, TicketView } from '@/lib/domain/views';
import { useAgents } from '@/lib/ui/supervisor-queries';
import { loadLabel, spareCapacity, transferCandidates } from '@/lib/ui/team';

/**
 * Hand the ticket to a colleague (its agent) or give any ticket to anyone (supervisors).
 * Each choice shows presence and load; a full agent is offered to supervisors only, who
 * override the limit by choosing them.
 */
export function TicketTransfer({
  ticket,
  supervises,
  busy,
  onAssign,
}: {
  ticket: TicketView;
  supervises: boolean;
  busy: boolean;
  onAssign: (agent: AgentView, overrideCapacity: boolean) => void;
}) {
  const t = useTranslations('ticketActions');
  const tp = useTranslations('presence');
  const { data, refetch } = useAgents();
  const candidates = transferCandidates(data ?? [], ticket.assigned_agent_id);
  const label = supervises ? t('assignTo') : t('transferTo');

  return (
    <NativeSelect
      data-testid="ticket-transfer"
      aria-label={label}
      title={label}
      value=""
      disabled={busy || !data}
      // Loads change all the time: look again when the list is opened.
      onFocus={() => void refetch()}
      onChange={(e) => {
        const agent = candidates.find((a) => String(a.id) === e.target.value);
        if (agent) onAssign(agent, supervises && spareCapacity(agent) === 0);
      }}
      className="h-8 w-44 text-[13px]"
    >
      <option value="">{label}</option>
      {candidates.map((agent) => {
        const full = spareCapacity(agent) === 0;
        return (
          <option key={agent.id} value={agent.id} disabled={full && !supervises} data-presence={agent.presence}>
            {t('candidate', { name: agent.name, presence: tp(agent.presence), load: loadLabel(agent), full: full ? 'yes' : 'no' })}
          </option>
        );
      })}
    </NativeSelect>
  );
}
