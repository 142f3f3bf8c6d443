'use client';
import {
  ChartNoAxesColumn,
  Inbox,
  KeyRound,
  LayoutDashboard,
  MessagesSquare,
  RadioTower,
  Settings,
  Smartphone,
  Table2,
  Users,
  type LucideIcon,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/ui/cn';
import { useMyTickets } from '@/lib/ui/queries';
import { ConnectionStatus } from './connection-status';
import { useDesk } from './desk-context';
import { AlertControls } from './alert-controls';
import { LangToggle } from './lang-toggle';
import { TeamList } from './team-list';
import { UserBox } from './user-box';

interface NavItem {
  href: string;
  testId: string;
  label: string;
  icon: LucideIcon;
  count?: number;
}

export function NavRail() {
  const t = useTranslations('nav');
  const { me, simulator, supervises } = useDesk();
  const pathname = usePathname();
  const { data: mine } = useMyTickets();
  const unread = mine?.filter((ticket) => ticket.unread_count > 0).length ?? 0;

  const items: NavItem[] = [
    { href: '/queue', testId: 'nav-queue', label: t('queue'), icon: Inbox },
    { href: '/my-tickets', testId: 'nav-my-tickets', label: t('myTickets'), icon: MessagesSquare, count: unread },
  ];
  if (supervises) {
    items.push({ href: '/board', testId: 'nav-board', label: t('board'), icon: LayoutDashboard });
    items.push({ href: '/analytics', testId: 'nav-analytics', label: t('analytics'), icon: ChartNoAxesColumn });
    items.push({ href: '/tickets', testId: 'nav-all-tickets', label: t('allTickets'), icon: Table2 });
  }
  if (supervises && simulator) items.push({ href: '/simulator', testId: 'nav-simulator', label: t('simulator'), icon: Smartphone });
  if (me.role === 'admin') {
    items.push({ href: '/admin/channels', testId: 'nav-channels', label: t('channels'), icon: RadioTower });
    items.push({ href: '/admin/users', testId: 'nav-users', label: t('users'), icon: Users });
    items.push({ href: '/admin/settings', testId: 'nav-settings', label: t('settings'), icon: Settings });
  }
  items.push({ href: '/account/tokens', testId: 'nav-tokens', label: t('tokens'), icon: KeyRound });

  return (
    <nav aria-label={t('label')} className="flex w-52 shrink-0 flex-col border-r bg-card">
      <div className="flex h-12 items-center justify-between gap-2 border-b px-3">
        <Link href="/queue" className="flex items-center gap-2 font-semibold tracking-tight">
          <span className="grid size-6 place-items-center rounded-md bg-primary text-[11px] font-bold text-primary-foreground">L</span>
          Loket
        </Link>
        <ConnectionStatus />
      </div>
      <ul className="flex shrink-0 flex-col gap-0.5 p-2">
        {items.map((item) => {
          const active = pathname === item.href || (item.href === '/my-tickets' && pathname.startsWith('/tickets/'));
          const Icon = item.icon;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                data-testid={item.testId}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex h-8 items-center gap-2.5 rounded-md px-2.5 text-[13px] text-muted-foreground transition-colors hover:bg-muted hover:text-foreground',
                  active && 'bg-accent font-medium text-accent-foreground hover:bg-accent hover:text-accent-foreground',
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                <span className="flex-1 truncate">{item.label}</span>
                {item.count ? (
                  <span
                    data-testid="nav-unread-count"
                    title={t('unreadTitle', { count: item.count })}
                    className="min-w-5 rounded-full bg-primary px-1.5 text-center text-[11px] font-semibold leading-5 text-primary-foreground tabular-nums"
                  >
                    {item.count}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
      <TeamList />
      <div className="mt-auto flex flex-col gap-2 border-t p-2">
        <AlertControls />
        <LangToggle />
        <UserBox />
      </div>
    </nav>
  );
}
