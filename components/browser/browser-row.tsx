'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { PriorityBadge } from '@/components/queue/priority-badge';
import { Badge } from '@/components/ui/badge';
import type { TicketView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatPhone } from '@/lib/ui/format';

const STATUS_TONE = { pending: 'high', assigned: 'success', resolved: 'neutral' } as const;

/** The table's columns, shared by the header and every row so they always line up. */
export const BROWSER_GRID =
  'grid grid-cols-[4.5rem_minmax(9rem,1.2fr)_minmax(0,2fr)_6.5rem_5.5rem_minmax(0,0.8fr)_minmax(0,0.9fr)_7.5rem] items-center gap-3 px-4';

export const ROW_HEIGHT = 48;

export function BrowserHeader() {
  const t = useTranslations('browser.columns');
  return (
    <div role="row" className={cn(BROWSER_GRID, 'h-8 border-b bg-muted/40 text-[11px] font-medium uppercase tracking-wide text-muted-foreground')}>
      {(['id', 'customer', 'lastMessage', 'status', 'priority', 'channel', 'agent', 'created'] as const).map((c) => (
        <span key={c} role="columnheader" className="truncate">
          {t(c)}
        </span>
      ))}
    </div>
  );
}

/** One ticket; the whole row opens it. */
export function BrowserRow({ ticket, className, style }: { ticket: TicketView; className?: string; style?: React.CSSProperties }) {
  const ts = useTranslations('status');
  const t = useTranslations('browser');
  const locale = useLocale();
  const created = new Date(ticket.created_at);
  return (
    <Link
      href={`/tickets/${ticket.id}`}
      role="row"
      data-testid={`browser-row-${ticket.id}`}
      data-status={ticket.status}
      style={style}
      className={cn(BROWSER_GRID, 'border-b text-sm hover:bg-muted/50 focus-visible:bg-accent focus-visible:outline-none', className)}
    >
      <span role="cell" className="text-xs tabular-nums text-muted-foreground">
        #{ticket.id}
      </span>
      <span role="cell" className="min-w-0">
        <span className="block truncate font-medium">{ticket.customer_name?.trim() || t('noName')}</span>
        <span className="block truncate text-[11px] tabular-nums text-muted-foreground">{formatPhone(ticket.customer_phone)}</span>
      </span>
      <span role="cell" className="truncate text-xs text-muted-foreground">
        {ticket.preview}
      </span>
      <span role="cell">
        <Badge tone={STATUS_TONE[ticket.status]}>{ts(ticket.status)}</Badge>
      </span>
      <span role="cell">
        <PriorityBadge priority={ticket.priority} />
      </span>
      <span role="cell" className="truncate text-xs">
        {ticket.channel_name}
      </span>
      <span role="cell" className="truncate text-xs">
        {ticket.assigned_agent_name ?? <span className="text-muted-foreground">—</span>}
      </span>
      <span role="cell" className="text-xs tabular-nums text-muted-foreground" title={created.toLocaleString(locale)}>
        {created.toLocaleString(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
      </span>
    </Link>
  );
}
