'use client';
import { AlarmClock, Flame, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { SlaAlert } from '@/lib/realtime/events';
import { cn } from '@/lib/ui/cn';
import { customerLabel, formatWaiting } from '@/lib/ui/format';

// Amber nearing the limit, red past it (or escalated): the same on every SLA toast.
const toastClass = (kind: SlaAlert['kind']) =>
  cn(
    'flex w-[356px] items-start gap-3 rounded-lg border border-l-4 bg-card p-3 text-sm text-card-foreground shadow-lg',
    kind === 'warning' ? 'border-l-amber-500' : 'border-l-red-600',
  );
const iconClass = (kind: SlaAlert['kind']) =>
  cn('mt-0.5 size-4 shrink-0', kind === 'warning' ? 'text-amber-600 dark:text-amber-400' : 'text-red-600 dark:text-red-400');

/** What an SLA alert says, for the toast and the system notification alike. */
export function useSlaAlertText() {
  const t = useTranslations('sla');
  return (alert: SlaAlert) => {
    const values = { name: customerLabel(alert.ticket), waited: formatWaiting(alert.waited_seconds * 1000) };
    return { title: t(`title.${alert.kind}`, values), body: t(`body.${alert.kind}`, values) };
  };
}

/**
 * The in-app toast: who, how long, and one click to the ticket (or to claim it while it
 * waits). Rendered by sonner outside the desk's providers, so everything comes in as props.
 */
export function SlaAlertToast({
  alert,
  title,
  body,
  onOpen,
  onClaim,
  onDismiss,
}: {
  alert: SlaAlert;
  title: string;
  body: string;
  onOpen: () => void;
  onClaim: (() => void) | null;
  onDismiss: () => void;
}) {
  const t = useTranslations('sla');
  const Icon = alert.kind === 'escalated' ? Flame : AlarmClock;
  return (
    <div
      data-testid="sla-alert"
      data-kind={alert.kind}
      data-ticket-id={alert.ticket.id}
      role="alert"
      className={toastClass(alert.kind)}
    >
      <Icon className={iconClass(alert.kind)} aria-hidden />
      <button type="button" data-testid="sla-alert-open" onClick={onOpen} className="min-w-0 flex-1 text-left">
        <span className="block font-medium">{title}</span>
        <span className="block text-xs text-muted-foreground">{body}</span>
      </button>
      <div className="flex shrink-0 flex-col items-end gap-1.5">
        <button type="button" onClick={onDismiss} aria-label={t('dismiss')} title={t('dismiss')} className="grid size-5 place-items-center rounded text-muted-foreground hover:bg-muted">
          <X className="size-3.5" />
        </button>
        {onClaim && (
          <button
            type="button"
            data-testid="sla-alert-claim"
            onClick={onClaim}
            className="rounded-md bg-primary px-2 py-0.5 text-xs font-medium text-primary-foreground hover:bg-primary/90"
          >
            {t('claim')}
          </button>
        )}
      </div>
    </div>
  );
}

/** What a summed-up burst says: how many, and who has waited longest. */
export function useSlaBurstText() {
  const t = useTranslations('sla.many');
  return (summary: { kind: SlaAlert['kind']; count: number; longest: SlaAlert }) => ({
    title: t(`title.${summary.kind === 'breached' ? 'breached' : 'warning'}`, { count: summary.count }),
    body: t('body', { name: customerLabel(summary.longest.ticket), waited: formatWaiting(summary.longest.waited_seconds * 1000) }),
  });
}

/** A backlog crossing a mark together: one toast, with the way to the queue where the rows are tinted. */
export function SlaBurstToast({
  kind,
  count,
  title,
  body,
  onOpen,
  onDismiss,
}: {
  kind: SlaAlert['kind'];
  count: number;
  title: string;
  body: string;
  onOpen: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslations('sla');
  return (
    <div
      data-testid="sla-alert-burst"
      data-kind={kind}
      data-count={count}
      role="alert"
      className={toastClass(kind)}
    >
      <AlarmClock className={iconClass(kind)} aria-hidden />
      <div className="min-w-0 flex-1">
        <span className="block font-medium">{title}</span>
        <span className="block text-xs text-muted-foreground">{body}</span>
        <button type="button" data-testid="sla-alert-burst-open" onClick={onOpen} className="mt-1.5 text-xs font-medium text-primary hover:underline">
          {t('many.open')}
        </button>
      </div>
      <button type="button" onClick={onDismiss} aria-label={t('dismiss')} title={t('dismiss')} className="grid size-5 shrink-0 place-items-center rounded text-muted-foreground hover:bg-muted">
        <X className="size-3.5" />
      </button>
    </div>
  );
}
