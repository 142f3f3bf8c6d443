'use client';
import { ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { cn } from '@/lib/ui/cn';
import { useAgents } from '@/lib/ui/supervisor-queries';
import { compareTeam, loadLabel, spareCapacity } from '@/lib/ui/team';
import { useDesk } from './desk-context';
import { PRESENCE_DOT } from './presence-toggle';

/** Everyone who works tickets, who is there and how much they carry; live from presence pushes. */
export function TeamList() {
  const t = useTranslations('presence');
  const { me } = useDesk();
  const { data } = useAgents();
  const [open, setOpen] = useState(true);
  const team = data ? [...data].sort(compareTeam) : [];
  const online = team.filter((a) => a.presence === 'online').length;

  return (
    <section data-testid="team-list" aria-label={t('team')} className="flex min-h-0 flex-1 flex-col border-t px-2 pt-2">
      <button
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        className="flex h-7 items-center gap-1.5 rounded-md px-2.5 text-[11px] font-medium uppercase tracking-wide text-muted-foreground hover:text-foreground"
      >
        <ChevronDown className={cn('size-3.5 transition-transform', !open && '-rotate-90')} aria-hidden />
        <span className="flex-1 text-left">{t('team')}</span>
        {data && <span className="normal-case tabular-nums">{t('onlineCount', { online, total: team.length })}</span>}
      </button>
      {open && (
        <ul className="min-h-0 overflow-y-auto pb-1">
          {team.map((agent) => {
            const spare = spareCapacity(agent);
            return (
              <li
                key={agent.id}
                data-testid={`team-member-${agent.id}`}
                data-presence={agent.presence}
                title={`${agent.name} · ${t(agent.presence)} · ${t('load', { load: loadLabel(agent) })}`}
                className={cn('flex h-7 items-center gap-2 rounded-md px-2.5 text-[13px]', agent.presence === 'offline' && 'text-muted-foreground')}
              >
                <span aria-hidden className={cn('size-2 shrink-0 rounded-full', PRESENCE_DOT[agent.presence])} />
                <span className="sr-only">{t(agent.presence)}</span>
                <span className="min-w-0 flex-1 truncate">
                  {agent.name}
                  {agent.id === me.id && <span className="text-muted-foreground"> ({t('you')})</span>}
                </span>
                <span
                  data-testid="team-member-load"
                  className={cn('shrink-0 text-[11px] tabular-nums text-muted-foreground', spare === 0 && 'font-medium text-orange-600 dark:text-orange-400')}
                >
                  {loadLabel(agent)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
