'use client';
import { useEffect, useState } from 'react';
import { getSocket } from '@/lib/realtime/socket-client';

/**
 * Joins the ticket's room for as long as the pane is open, and again after every reconnect
 * (a fresh socket has no rooms). Returns the last refusal, if the server refused.
 */
export function useTicketWatch(ticketId: number, enabled: boolean): string | null {
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    let live = true;
    const watch = () =>
      socket.emit('ticket:watch', ticketId, (result) => {
        if (live) setRefusal(result.ok ? null : result.error.message);
      });
    if (socket.connected) watch();
    socket.on('connect', watch);
    return () => {
      live = false;
      socket.off('connect', watch);
      socket.emit('ticket:unwatch', ticketId);
    };
  }, [ticketId, enabled]);
  return refusal;
}
