'use client';
import { formatDistanceStrict } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';
import { useLocale, useTranslations } from 'next-intl';
import { useNow } from '@/lib/ui/use-now';

/** "3 minutes ago" in the interface language, kept current by the shared ticker. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const locale = useLocale();
  const t = useTranslations('common');
  const now = useNow();
  const date = new Date(iso);
  let text = '';
  if (now !== null) {
    text =
      now - date.getTime() < 45_000
        ? t('justNow')
        : formatDistanceStrict(date, now, { addSuffix: true, locale: locale === 'en' ? enUS : idLocale });
  }
  return (
    <time dateTime={iso} title={date.toLocaleString(locale)} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}
