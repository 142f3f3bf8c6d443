'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { AgentView } from '@/lib/domain/views';
import { queryKeys } from '@/lib/ui/query-keys';
import { refetchFresh } from '@/lib/ui/refetch-fresh';
import { applyPresence } from '@/lib/ui/team';
import { useSocketEvents } from './use-socket-events';

/**
 * Loads move with every claim, release and transfer: refetch the team at most this often, with
 * some jitter so a thousand open desks do not all ask in the same instant. (The transfer list
 * refetches when it is opened, so a choice is never made on old numbers.)
 */
const LOAD_REFRESH_MS = 8_000;
const JITTER_MS = 4_000;

/**
 * Keeps the cached team (GET /api/agents) live: presence from `presence:updated` at once,
 * open-ticket counts by a throttled refetch after ticket changes (a push does not say whose
 * count went down).
 */
export function useTeamSync(): void {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const refreshLoadsSoon = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void client.invalidateQueries({ queryKey: queryKeys.agents });
    }, LOAD_REFRESH_MS + Math.random() * JITTER_MS);
  };

  useSocketEvents({
    'presence:updated': (update) => {
      const list = client.getQueryData<AgentView[]>(queryKeys.agents);
      // A fetch of the team already on its way may have read it before this change (a desk that
      // just opened learns of its own arrival this way): start it over, rather than let that
      // answer overwrite the change when it lands.
      if (!list || client.isFetching({ queryKey: queryKeys.agents })) {
        void refetchFresh(client, { queryKey: queryKeys.agents });
        return;
      }
      const next = applyPresence(list, update, new Date().toISOString());
      if (next) client.setQueryData(queryKeys.agents, next);
      else void client.invalidateQueries({ queryKey: queryKeys.agents });
    },
    'ticket:updated': refreshLoadsSoon,
    'session:hello': (hello) => {
      if (!hello.recovered) void refetchFresh(client, { queryKey: queryKeys.agents });
    },
  });
}
