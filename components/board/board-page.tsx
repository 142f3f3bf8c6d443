'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useConnectionState } from '@/lib/realtime/use-connection-state';
import { useLiveBoard } from '@/lib/realtime/use-live-board';
import { cn } from '@/lib/ui/cn';
import { BoardAgents } from './board-agents';
import { BoardChannels } from './board-channels';
import { BoardTiles } from './board-tiles';

function BoardSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-hidden>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-40" />
      </div>
    </div>
  );
}

/** The supervisor's live board: every number moves as it happens, no reload. */
export function BoardPage() {
  const t = useTranslations('board');
  const locale = useLocale();
  const { data: board, isError, refetch } = useLiveBoard();
  const connected = useConnectionState() === 'connected';

  return (
    <div data-testid="board" data-seq={board?.seq} className="mx-auto flex max-w-6xl flex-col gap-4 px-6 py-5">
      <header className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">{t('title')}</h1>
          <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
        </div>
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground" aria-live="off">
          <span aria-hidden className={cn('size-2 rounded-full', connected ? 'bg-emerald-500' : 'animate-pulse bg-amber-500')} />
          {connected ? t('live') : t('stale')}
          {board && (
            <span className="tabular-nums">
              {' · '}
              {t('updated', { time: new Date(board.generated_at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })}
            </span>
          )}
        </p>
      </header>

      {isError && !board ? (
        <Notice tone="error" className="items-center" data-testid="board-error">
          <span className="flex-1">{t('loadFailed')}</span>
          <Button size="xs" variant="outline" onClick={() => void refetch()}>
            {t('retry')}
          </Button>
        </Notice>
      ) : !board ? (
        <BoardSkeleton />
      ) : (
        <>
          <BoardTiles board={board} />
          <div className="grid items-start gap-4 lg:grid-cols-3">
            <div className="lg:col-span-2">
              <BoardAgents agents={board.agents} />
            </div>
            <BoardChannels channels={board.channels} />
          </div>
        </>
      )}
    </div>
  );
}
