'use client';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import type { BoardAgent, Presence } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { loadRatio } from '@/lib/ui/stat-format';

const PRESENCE_ORDER: Record<Presence, number> = { online: 0, away: 1, offline: 2 };
const PRESENCE_DOT: Record<Presence, string> = {
  online: 'bg-emerald-500',
  away: 'bg-amber-400',
  offline: 'bg-zinc-300 dark:bg-zinc-600',
};

function LoadBar({ open, capacity }: { open: number; capacity: number | null }) {
  const ratio = loadRatio(open, capacity);
  if (ratio === null) return <div className="h-1.5 rounded-full bg-muted" />;
  return (
    <div className="h-1.5 overflow-hidden rounded-full bg-muted">
      <div
        className={cn('h-full rounded-full transition-[width] duration-500', ratio >= 1 ? 'bg-red-500' : ratio >= 0.75 ? 'bg-amber-500' : 'bg-primary')}
        style={{ width: `${Math.max(ratio * 100, open > 0 ? 4 : 0)}%` }}
      />
    </div>
  );
}

function AgentRow({ agent }: { agent: BoardAgent }) {
  const t = useTranslations('board');
  const tr = useTranslations('roles');
  return (
    <li
      data-testid={`board-agent-${agent.id}`}
      data-presence={agent.presence}
      data-open={agent.open_tickets}
      className={cn('grid grid-cols-[minmax(0,1fr)_8rem_4.5rem] items-center gap-3 px-4 py-2', agent.presence === 'offline' && 'text-muted-foreground')}
    >
      <span className="flex min-w-0 items-center gap-2">
        <span aria-hidden className={cn('size-2 shrink-0 rounded-full', PRESENCE_DOT[agent.presence])} />
        <span className="truncate text-sm">{agent.name}</span>
        <span className="sr-only">{t(`presence.${agent.presence}`)}</span>
        {agent.role !== 'agent' && <Badge className="hidden sm:inline-flex">{tr(agent.role)}</Badge>}
      </span>
      <LoadBar open={agent.open_tickets} capacity={agent.capacity} />
      <span className="text-right text-xs tabular-nums text-muted-foreground" title={t('loadTitle')}>
        <span data-testid="board-agent-open" className="font-semibold text-foreground">
          {agent.open_tickets}
        </span>
        {' / '}
        {agent.capacity ?? '∞'}
      </span>
    </li>
  );
}

/** Who is here and how much each one carries, the people who can take more first. */
export function BoardAgents({ agents }: { agents: BoardAgent[] }) {
  const t = useTranslations('board');
  const sorted = [...agents].sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name));
  const count = (p: Presence) => agents.filter((a) => a.presence === p).length;
  return (
    <Card className="min-w-0">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{t('agents')}</CardTitle>
        <p className="text-xs text-muted-foreground" data-testid="board-agents-summary">
          {t('agentsSummary', { online: count('online'), away: count('away'), offline: count('offline') })}
        </p>
      </CardHeader>
      {sorted.length === 0 ? (
        <p className="px-4 py-6 text-center text-xs text-muted-foreground">{t('noAgents')}</p>
      ) : (
        <ul className="divide-y" aria-label={t('agents')}>
          {sorted.map((agent) => (
            <AgentRow key={agent.id} agent={agent} />
          ))}
        </ul>
      )}
    </Card>
  );
}
