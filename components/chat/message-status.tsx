'use client';
import { AlertCircle, Check, CheckCheck, Clock, RotateCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { MessageStatus as Status } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';

/** WhatsApp-style ticks for our own messages; a failed one says why and offers a retry. */
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
  const Icon = status === 'queued' ? Clock : status === 'sent' ? Check : CheckCheck;
  return (
    <span data-testid="message-status" data-status={status} title={label} className={cn('inline-flex', status === 'read' && 'text-read-tick')}>
      <Icon className="size-3.5" aria-label={label} />
    </span>
  );
}
