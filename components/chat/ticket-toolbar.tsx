'use client';
import { History, Loader2, Undo2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useDesk } from '@/components/desk/desk-context';
import { Button } from '@/components/ui/button';
import type { TicketView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { TicketPrioritySelect } from './ticket-priority-select';
import { TicketTransfer } from './ticket-transfer';
import { useTicketAction } from './use-ticket-action';

/** The ticket's tools under the chat header: priority, transfer/assign, release, the timeline. */
export function TicketToolbar({
  ticket,
  onError,
  timelineOpen,
  onToggleTimeline,
}: {
  ticket: TicketView;
  onError: (message: string | null) => void;
  timelineOpen: boolean;
  onToggleTimeline: () => void;
}) {
  const t = useTranslations('ticketActions');
  const { me, supervises } = useDesk();
  const { run, busy } = useTicketAction(ticket.id, onError);
  const open = ticket.status !== 'resolved';
  const mine = ticket.assigned_agent_id === me.id;
  // The rules of lib/domain/assignment.ts, so nobody is offered a button that can only be refused.
  const canPrioritize = open && (supervises || mine || ticket.status === 'pending');
  const canRelease = ticket.status === 'assigned' && (supervises || mine);
  const canTransfer = open && (supervises || (mine && ticket.status === 'assigned'));

  return (
    <div className="flex flex-wrap items-center gap-2">
      <TicketPrioritySelect ticket={ticket} enabled={canPrioritize} busy={busy === 'priority'} onChange={(priority) => void run('priority', { priority })} />
      {canTransfer && (
        <TicketTransfer
          ticket={ticket}
          supervises={supervises}
          busy={busy === 'assign'}
          onAssign={async (agent, overrideCapacity) => {
            const done = await run('assign', { agent_id: agent.id, ...(overrideCapacity ? { override_capacity: true } : {}) });
            if (done) toast.success(t(supervises && !mine ? 'assigned' : 'transferred', { name: agent.name }));
          }}
        />
      )}
      {canRelease && (
        <Button size="sm" variant="outline" data-testid="ticket-release" disabled={busy !== null} onClick={() => void run('release')} title={t('releaseHint')}>
          {busy === 'release' ? <Loader2 className="animate-spin" aria-hidden /> : <Undo2 aria-hidden />}
          {t('release')}
        </Button>
      )}
      <Button
        size="sm"
        variant="ghost"
        data-testid="ticket-timeline-toggle"
        aria-pressed={timelineOpen}
        onClick={onToggleTimeline}
        className={cn('ml-auto', timelineOpen && 'bg-accent text-accent-foreground hover:bg-accent')}
      >
        <History aria-hidden />
        {t('timeline')}
      </Button>
    </div>
  );
}
