'use client';
import { Languages } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/i18n/locales';
import { cn } from '@/lib/ui/cn';

/** Switches Indonesian/English for this browser; the server reads the cookie on the next render. */
export function LangToggle({ className }: { className?: string }) {
  const t = useTranslations('nav');
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [pending, start] = useTransition();
  const next: Locale = locale === 'id' ? 'en' : 'id';

  function toggle() {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    start(() => router.refresh());
  }

  return (
    <button
      type="button"
      data-testid="lang-toggle"
      data-locale={locale}
      onClick={toggle}
      disabled={pending}
      title={t('language')}
      className={cn(
        'flex h-8 items-center gap-2 rounded-md px-2.5 text-[13px] text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-60',
        className,
      )}
    >
      <Languages className="size-4" aria-hidden />
      <span className="flex-1 text-left">{t('language')}</span>
      <span className="flex overflow-hidden rounded border text-[10px] font-semibold uppercase">
        <span className={cn('px-1.5 py-px', locale === 'id' && 'bg-primary text-primary-foreground')}>id</span>
        <span className={cn('px-1.5 py-px', locale === 'en' && 'bg-primary text-primary-foreground')}>en</span>
      </span>
    </button>
  );
}
