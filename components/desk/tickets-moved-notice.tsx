'use client';
import { ArrowRightLeft, X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Fragment } from 'react';
import { clearMovedTickets, useMovedTickets } from '@/lib/realtime/moved-notices';

/**
 * Told on return: while this agent was offline their open tickets were handed on (to the queue
 * or a colleague) so no customer waited on someone who was gone. The hub sends it on connect.
 */
export function TicketsMovedNotice() {
  const t = useTranslations('presence');
  const moved = useMovedTickets();
  if (!moved.length) return null;
  return (
    <div
      data-testid="tickets-moved-notice"
      role="status"
      className="flex items-start gap-2 border-b border-amber-500/30 bg-warning-soft px-4 py-2 text-[13px] text-foreground"
    >
      <ArrowRightLeft className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{t('movedTitle', { count: moved.length })}</p>
        <p className="text-xs text-muted-foreground">
          {t('movedWhy')}{' '}
          {moved.map((m, i) => (
            <Fragment key={m.ticket_id}>
              {i > 0 && ' · '}
              <span data-testid="tickets-moved-item" data-ticket-id={m.ticket_id} data-moved-to={m.moved_to}>
                {m.moved_to === 'queue' ? (
                  <Link href={`/tickets/${m.ticket_id}`} className="font-medium text-foreground underline underline-offset-2 hover:no-underline">
                    #{m.ticket_id}
                  </Link>
                ) : (
                  <span className="font-medium text-foreground">#{m.ticket_id}</span>
                )}{' '}
                {m.moved_to === 'queue' ? t('movedToQueue') : t('movedToAgent')}
              </span>
            </Fragment>
          ))}
        </p>
      </div>
      <button
        type="button"
        data-testid="tickets-moved-dismiss"
        onClick={clearMovedTickets}
        aria-label={t('dismiss')}
        title={t('dismiss')}
        className="grid size-6 shrink-0 place-items-center rounded hover:bg-muted"
      >
        <X className="size-3.5" />
      </button>
    </div>
  );
}
