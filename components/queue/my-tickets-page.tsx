'use client';
import { useTranslations } from 'next-intl';
import { MyTicketsList } from './my-tickets-list';

export function MyTicketsPage() {
  const t = useTranslations('myTickets');
  return (
    <div className="mx-auto flex max-w-4xl flex-col px-6 py-5">
      <header className="mb-3">
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </header>
      <div className="overflow-hidden rounded-lg border bg-card shadow-xs">
        <MyTicketsList />
      </div>
    </div>
  );
}
