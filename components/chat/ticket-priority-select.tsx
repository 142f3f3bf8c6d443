'use client';
import { useTranslations } from 'next-intl';
import { NativeSelect } from '@/components/ui/input';
import { PRIORITIES, type TicketPriority, type TicketView } from '@/lib/domain/views';

/** The priority, changed by hand (recorded on the timeline with who did it). */
export function TicketPrioritySelect({
  ticket,
  enabled,
  busy,
  onChange,
}: {
  ticket: TicketView;
  enabled: boolean;
  busy: boolean;
  onChange: (priority: TicketPriority) => void;
}) {
  const t = useTranslations('ticketActions');
  const tp = useTranslations('priority');
  return (
    <NativeSelect
      data-testid="ticket-priority-select"
      aria-label={t('priority')}
      title={t('priority')}
      value={ticket.priority}
      disabled={!enabled || busy}
      onChange={(e) => onChange(e.target.value as TicketPriority)}
      className="h-8 w-32 text-[13px]"
    >
      {[...PRIORITIES].reverse().map((p) => (
        <option key={p} value={p}>
          {tp(p)}
        </option>
      ))}
    </NativeSelect>
  );
}
