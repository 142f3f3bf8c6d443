'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import type { AgentView, Presence } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { cn } from '@/lib/ui/cn';
import { queryKeys } from '@/lib/ui/query-keys';
import { useAgents } from '@/lib/ui/supervisor-queries';
import { useDesk } from './desk-context';

export const PRESENCE_DOT: Record<Presence, string> = {
  online: 'bg-emerald-500',
  away: 'bg-amber-500',
  offline: 'bg-zinc-400 dark:bg-zinc-500',
};

/** "I'm away" / "I'm back": one click, shown as the state it is in now. */
export function PresenceToggle() {
  const t = useTranslations('presence');
  const { me } = useDesk();
  const client = useQueryClient();
  const { data } = useAgents();
  const [busy, setBusy] = useState(false);
  // With a tab open the server counts me online unless I said otherwise.
  const presence: Presence = data?.find((a) => a.id === me.id)?.presence ?? 'online';
  const next = presence === 'away' ? 'online' : 'away';

  async function toggle() {
    setBusy(true);
    try {
      await api('/api/me/presence', { method: 'POST', body: { presence: next } });
      client.setQueryData<AgentView[]>(queryKeys.agents, (list) => list?.map((a) => (a.id === me.id ? { ...a, presence: next } : a)));
    } catch {
      toast.error(t('changeFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      data-testid="presence-toggle"
      data-presence={presence}
      onClick={() => void toggle()}
      disabled={busy}
      title={next === 'away' ? t('goAway') : t('comeBack')}
      className="flex items-center gap-1.5 rounded px-1 text-[11px] text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-60"
    >
      <span aria-hidden className={cn('size-2 rounded-full', PRESENCE_DOT[presence])} />
      {t(presence)}
    </button>
  );
}
