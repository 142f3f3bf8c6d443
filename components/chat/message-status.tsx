'use client';
import { AlertCircle, Check, CheckCheck, Clock, RotateCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Tooltip } from '@/components/ui/tooltip';
import type { MessageStatus as Status } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';

const RETRYING = /\s*\(retrying\)\s*$/;

/**
 * WhatsApp-style ticks for our own messages: clock, one grey tick, two grey ticks, two blue ticks.
 * A failed one says why and offers a retry; one the outbox is still retrying says so.
 */
export function MessageStatus({
  status,
  error,
  onRetry,
  retrying,
}: {
  status: Status;
  error: string | null;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const t = useTranslations('chat.status');
  const label = t(status);
  if (status === 'failed') {
    return (
      <span data-testid="message-status" data-status={status} className="flex items-center gap-1.5 text-destructive">
        <AlertCircle className="size-3.5" aria-hidden />
        <span className="text-[11px]">{error || label}</span>
        {onRetry && (
          <button
            type="button"
            data-testid="message-retry"
            onClick={onRetry}
            disabled={retrying}
            className="inline-flex shrink-0 items-center gap-1 whitespace-nowrap rounded border border-destructive/40 px-1.5 text-[11px] font-medium hover:bg-destructive/10 disabled:opacity-50"
          >
            <RotateCw className={cn('size-3', retrying && 'animate-spin')} aria-hidden />
            {t('retry')}
          </button>
        )}
      </span>
    );
  }
  if (status === 'queued' && error && RETRYING.test(error)) {
    return (
      <Tooltip side="top" content={error.replace(RETRYING, '')}>
        <span
          data-testid="message-status"
          data-status={status}
          data-retrying="true"
          tabIndex={0}
          className="inline-flex cursor-default items-center gap-1 text-amber-700 dark:text-amber-300"
        >
          <RotateCw className="size-3 animate-spin [animation-duration:2s]" aria-hidden />
          <span className="text-[11px]">{t('retrying')}</span>
        </span>
      </Tooltip>
    );
  }
  const Icon = status === 'queued' ? Clock : status === 'sent' ? Check : CheckCheck;
  return (
    <span data-testid="message-status" data-status={status} title={label} className={cn('inline-flex', status === 'read' && 'text-read-tick')}>
      <Icon className="size-3.5" aria-label={label} />
    </span>
  );
}
