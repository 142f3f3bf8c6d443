'use client';
import { useTranslations } from 'next-intl';
import { useConnectionState } from '@/lib/realtime/use-connection-state';
import { cn } from '@/lib/ui/cn';

/** A dot that says whether pushes are arriving; when it is grey, what you see may be stale. */
export function ConnectionStatus() {
  const t = useTranslations('nav');
  const state = useConnectionState();
  const label = state === 'connected' ? t('connected') : t('disconnected');
  return (
    <span
      data-testid="connection-status"
      data-state={state}
      title={label}
      className="flex items-center gap-1.5 text-[11px] text-muted-foreground"
    >
      <span
        aria-hidden
        className={cn('size-2 rounded-full', state === 'connected' ? 'bg-emerald-500' : 'animate-pulse bg-amber-500')}
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
