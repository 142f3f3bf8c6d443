'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { MyTicketsList } from '@/components/queue/my-tickets-list';
import { ChatPane } from './chat-pane';

/** My chats on the left, the open one on the right: switching conversations is one click. */
export function ChatView({ ticketId }: { ticketId: number }) {
  const t = useTranslations('myTickets');
  return (
    <div className="flex h-full">
      <aside className="hidden w-72 shrink-0 flex-col border-r bg-card lg:flex">
        <div className="flex h-10 shrink-0 items-center border-b px-4">
          <Link href="/my-tickets" className="text-xs font-medium uppercase tracking-wide text-muted-foreground hover:text-foreground">
            {t('title')}
          </Link>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <MyTicketsList activeId={ticketId} compact />
        </div>
      </aside>
      {/* A fresh pane per ticket: no state (scroll, errors, pending bubbles) leaks between chats. */}
      <ChatPane key={ticketId} ticketId={ticketId} />
    </div>
  );
}
