'use client';
import { Pencil, Smartphone, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Tooltip } from '@/components/ui/tooltip';

/** "edited", with what it said before on hover. */
export function EditedMark({ originalText }: { originalText: string | null }) {
  const t = useTranslations('chat');
  const label = (
    <span data-testid="message-edited" tabIndex={originalText ? 0 : undefined} className="inline-flex cursor-default items-center gap-0.5 italic">
      <Pencil className="size-2.5" aria-hidden />
      {t('edited')}
    </span>
  );
  if (!originalText) return label;
  return (
    <Tooltip
      side="top"
      content={
        <span className="block max-w-xs whitespace-pre-wrap">
          <span className="font-medium">{t('originalText')}</span> {originalText}
        </span>
      }
    >
      {label}
    </Tooltip>
  );
}

export function DeletedMark() {
  const t = useTranslations('chat');
  return (
    <div data-testid="message-deleted" className="mb-0.5 flex items-center gap-1 text-[11px] font-medium text-destructive">
      <Trash2 className="size-3" aria-hidden />
      {t('deletedByCustomer')}
    </div>
  );
}

export function FromPhoneMark() {
  const t = useTranslations('chat');
  return (
    <span data-testid="message-from-phone" className="inline-flex items-center gap-0.5" title={t('fromPhoneHint')}>
      <Smartphone className="size-3" aria-hidden />
      {t('fromPhone')}
    </span>
  );
}

/** The customer's (or our) emoji reactions, grouped: "👍 2". */
export function Reactions({ reactions, ours }: { reactions: Record<string, string>; ours: boolean }) {
  const t = useTranslations('chat');
  const counts = new Map<string, number>();
  for (const emoji of Object.values(reactions)) if (emoji) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  if (!counts.size) return null;
  return (
    <div data-testid="message-reactions" aria-label={t('reactions')} className={`-mt-1.5 flex gap-1 ${ours ? 'justify-end pr-2' : 'pl-2'}`}>
      {[...counts].map(([emoji, count]) => (
        <span
          key={emoji}
          data-testid="message-reaction"
          className="rounded-full border bg-card px-1.5 text-[13px] leading-5 shadow-xs"
        >
          {emoji}
          {count > 1 && <span className="ml-0.5 text-[10px] text-muted-foreground tabular-nums">{count}</span>}
        </span>
      ))}
    </div>
  );
}
