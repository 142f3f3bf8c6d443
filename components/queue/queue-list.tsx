'use client';
import { useQueryClient } from '@tanstack/react-query';
import { Inbox, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { QUEUE_LIMIT, queryKeys } from '@/lib/ui/query-keys';
import { useQueue } from '@/lib/ui/queries';
import { QueueItem } from './queue-item';
import { useClaim } from './use-claim';
import { useListKeys } from './use-list-keys';

export function QueueList() {
  const t = useTranslations('queue');
  const tc = useTranslations('capacity');
  const client = useQueryClient();
  const { data, isPending, isError, refetch } = useQueue();
  const { claim, claimingId, conflict, clearConflict } = useClaim();
  const tickets = data?.tickets;
  const hasMore = data?.hasMore ?? false;
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const rows = useRef(new Map<number, HTMLLIElement>());

  const ids = tickets?.map((ticket) => ticket.id) ?? [];
  // The focused row may have been claimed by someone else: fall back to the first one.
  const current = focusedId !== null && ids.includes(focusedId) ? focusedId : (ids[0] ?? null);

  useListKeys({
    ids,
    current,
    onMove: (id) => {
      setFocusedId(id);
      rows.current.get(id)?.focus();
    },
    onEnter: (id) => void claim(id),
  });

  // Claimed rows left a truncated list short: pull the next ones in.
  const short = hasMore && (tickets?.length ?? 0) < QUEUE_LIMIT;
  useEffect(() => {
    if (!short) return;
    const timer = setTimeout(() => void client.invalidateQueries({ queryKey: queryKeys.queue }), 400);
    return () => clearTimeout(timer);
  }, [short, client]);

  return (
    <div className="mx-auto flex max-w-5xl flex-col px-6 py-5">
      <header className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">{t('title')}</h1>
          <p className="text-xs text-muted-foreground">
            {tickets ? t('waiting', { count: tickets.length, more: hasMore ? 'more' : 'exact' }) : '\u00a0'}
          </p>
        </div>
        <p className="hidden text-xs text-muted-foreground md:block">
          <kbd className="rounded border bg-muted px-1 font-mono text-[10px]">j</kbd>{' '}
          <kbd className="rounded border bg-muted px-1 font-mono text-[10px]">k</kbd> {t('keysMove')} ·{' '}
          <kbd className="rounded border bg-muted px-1 font-mono text-[10px]">Enter</kbd> {t('keysClaim')}
        </p>
      </header>

      {conflict && (
        <Notice tone="warning" className="mb-3 items-center" data-testid="claim-conflict" data-code={conflict.code}>
          <span className="flex-1">
            <span className="font-medium">{conflict.code === 'capacity_reached' ? tc('capacityTitle') : t('conflictTitle')}</span> {conflict.message}
          </span>
          <button type="button" onClick={clearConflict} aria-label={t('dismiss')} className="rounded p-0.5 hover:bg-muted">
            <X />
          </button>
        </Notice>
      )}

      <div className="overflow-hidden rounded-lg border bg-card shadow-xs">
        {isPending ? (
          <div className="flex flex-col gap-px">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="m-3 h-9" />
            ))}
          </div>
        ) : isError ? (
          <div className="p-4">
            <Notice tone="error" className="items-center">
              <span className="flex-1">{t('loadFailed')}</span>
              <Button size="xs" variant="outline" onClick={() => void refetch()}>
                {t('retry')}
              </Button>
            </Notice>
          </div>
        ) : tickets && tickets.length > 0 ? (
          <ul aria-label={t('title')}>
            {tickets.map((ticket) => (
              <QueueItem
                key={ticket.id}
                ticket={ticket}
                ref={(el) => {
                  if (el) rows.current.set(ticket.id, el);
                  else rows.current.delete(ticket.id);
                }}
                focused={ticket.id === current}
                claiming={claimingId === ticket.id}
                disabled={claimingId !== null}
                onClaim={(id) => void claim(id)}
                onFocus={setFocusedId}
              />
            ))}
          </ul>
        ) : (
          <div data-testid="queue-empty" className="flex flex-col items-center gap-2 px-6 py-16 text-center">
            <Inbox className="size-8 text-muted-foreground/60" aria-hidden />
            <p className="font-medium">{t('empty')}</p>
            <p className="max-w-xs text-xs text-muted-foreground">{t('emptyHint')}</p>
          </div>
        )}
      </div>
      {hasMore && (
        <p data-testid="queue-more" className="mt-3 text-center text-xs text-muted-foreground">
          {t('more', { limit: QUEUE_LIMIT })}
        </p>
      )}
    </div>
  );
}
