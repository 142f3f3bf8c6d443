'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { format } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import type { TicketEventView, TicketView } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { cn } from '@/lib/ui/cn';
import { queryKeys } from '@/lib/ui/query-keys';
import { refetchFresh } from '@/lib/ui/refetch-fresh';
import { useAgents } from '@/lib/ui/supervisor-queries';
import { describeEvent } from '@/lib/ui/timeline';

const DOT: Record<string, string> = {
  created: 'bg-sky-500',
  claimed: 'bg-emerald-500',
  assigned: 'bg-emerald-500',
  transferred: 'bg-violet-500',
  released: 'bg-amber-500',
  priority_changed: 'bg-orange-500',
  sla_warning: 'bg-amber-500',
  sla_breached: 'bg-red-600',
  escalated: 'bg-red-600',
  resolved: 'bg-zinc-500',
};

/** Everything that happened to the ticket, oldest first, with who and when; refreshed as the ticket changes. */
export function TicketTimeline({ ticket, onClose }: { ticket: TicketView; onClose: () => void }) {
  const t = useTranslations('timeline');
  const tp = useTranslations('priority');
  const dateLocale = useLocale() === 'en' ? enUS : idLocale;
  const { data: agents } = useAgents();
  const query = useQuery({
    queryKey: queryKeys.ticketEvents(ticket.id),
    queryFn: ({ signal }) => api<{ events: TicketEventView[] }>(`/api/tickets/${ticket.id}/events`, { signal }).then((r) => r.events),
    staleTime: 0,
  });

  // Every pushed change of the ticket (claim, release, SLA mark, escalation…) leaves a new entry.
  const signature = `${ticket.updated_at}|${ticket.status}|${ticket.sla_state}|${ticket.escalated_at}|${ticket.priority}`;
  const first = useRef(signature);
  const client = useQueryClient();
  useEffect(() => {
    if (signature === first.current) return;
    first.current = signature;
    // Fresh: the first fetch may still be on its way with the entries from before this change.
    void refetchFresh(client, { queryKey: queryKeys.ticketEvents(ticket.id), exact: true });
  }, [signature, client, ticket.id]);

  const agentName = (id: number) => agents?.find((a) => a.id === id)?.name ?? null;

  return (
    <aside data-testid="ticket-timeline" aria-label={t('title')} className="flex w-80 shrink-0 flex-col border-l bg-card">
      <div className="flex h-10 shrink-0 items-center justify-between border-b px-4">
        <h2 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t('title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('close')} title={t('close')} className="grid size-6 place-items-center rounded text-muted-foreground hover:bg-muted">
          <X className="size-3.5" />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {query.isPending ? (
          <div className="flex flex-col gap-3">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : query.isError ? (
          <Notice tone="error">{t('loadFailed')}</Notice>
        ) : (
          <ol className="relative flex flex-col gap-3 border-l pl-4">
            {query.data.map((event) => {
              const line = describeEvent(event, { agentName, priorityLabel: (p) => tp(p), unknownAgent: t('someone') });
              const at = new Date(event.created_at);
              return (
                <li key={event.id} data-testid="timeline-entry" data-kind={line.kind} data-reason={line.reason ?? undefined} className="relative">
                  <span aria-hidden className={cn('absolute -left-[21px] top-1.5 size-2.5 rounded-full ring-2 ring-card', DOT[line.kind] ?? 'bg-zinc-400')} />
                  <p className="text-[13px] leading-snug">{t(line.key, line.values)}</p>
                  <time dateTime={event.created_at} title={format(at, 'PPPP HH:mm:ss', { locale: dateLocale })} className="text-[11px] text-muted-foreground tabular-nums">
                    {format(at, 'd MMM, HH:mm:ss', { locale: dateLocale })}
                  </time>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </aside>
  );
}
