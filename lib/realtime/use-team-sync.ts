'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { AgentView } from '@/lib/domain/views';
import { queryKeys } from '@/lib/ui/query-keys';
import { applyPush, refetchFresh } from '@/lib/ui/refetch-fresh';
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
    // A desk that just opened learns of its own arrival this way, maybe while its first fetch of
    // the team is on its way (applyPush starts that fetch over).
    'presence:updated': (update) =>
      applyPush<AgentView[]>(client, queryKeys.agents, (list) => applyPresence(list, update, new Date().toISOString())),
    'ticket:updated': refreshLoadsSoon,
    'session:hello': (hello) => {
      if (!hello.recovered) void refetchFresh(client, { queryKey: queryKeys.agents });
    },
  });
}
