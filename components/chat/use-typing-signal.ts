'use client';
import { useCallback, useRef } from 'react';
import { getSocket } from '@/lib/realtime/socket-client';

/** WhatsApp's "typing…" lasts a few seconds; the server throttles as well. */
const TYPING_EVERY_MS = 3000;

/** Returns a function to call on every keystroke: it tells the customer's phone, at most every 3 s. */
export function useTypingSignal(ticketId: number, enabled: boolean): () => void {
  const last = useRef(0);
  return useCallback(() => {
    if (!enabled) return;
    const now = Date.now();
    if (now - last.current < TYPING_EVERY_MS) return;
    const socket = getSocket();
    // A typing signal is only worth anything now: never queue it for a later reconnect.
    if (!socket.connected) return;
    last.current = now;
    socket.emit('ticket:typing', ticketId);
  }, [ticketId, enabled]);
}
