'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardSnapshot } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { boardStep, pickFresher } from '@/lib/ui/board-seq';
import { queryKeys } from '@/lib/ui/query-keys';
import { refetchFresh } from '@/lib/ui/refetch-fresh';
import { useSocketEvents } from './use-socket-events';

// The newest pushed snapshot and a counter of pushes, so a REST answer that left the server
// before a push arrived does not paint an older board over it.
let lastPush: BoardSnapshot | undefined;
let pushes = 0;

/**
 * The supervisor's board: GET /api/board once, then every `board:updated` push. A gap in the
 * board's sequence or a reconnect that Socket.IO could not replay refetches the snapshot.
 */
export function useLiveBoard() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.board,
    queryFn: async ({ signal }) => {
      const mark = pushes;
      const fetched = await api<BoardSnapshot>('/api/board', { signal });
      return pickFresher(fetched, pushes > mark ? lastPush : undefined);
    },
    // Pushes only arrive while the page is open: coming back, the cached copy may be old.
    staleTime: 0,
    refetchOnMount: 'always',
  });

  useSocketEvents({
    'board:updated': (board) => {
      lastPush = board;
      pushes += 1;
      const step = boardStep(client.getQueryData<BoardSnapshot>(queryKeys.board), board);
      if (step === 'ignore') return;
      client.setQueryData(queryKeys.board, board);
      if (step === 'apply-and-refetch') void client.invalidateQueries({ queryKey: queryKeys.board });
    },
    'session:hello': (hello) => {
      if (!hello.recovered) void refetchFresh(client, { queryKey: queryKeys.board });
    },
  });

  return query;
}
