'use client';
import { useEffect } from 'react';
import { getSocket } from './socket-client';

const RETRY_MS = 5_000;

/**
 * The hub refuses a handshake whose session is gone (signed out elsewhere, disabled, expired),
 * and Socket.IO does not retry a refused handshake by itself. Ask the API whether we are still
 * signed in: if not, go to the sign-in page (and come back here after); if so, try again later.
 */
export function useSessionGuard(): void {
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onError = async () => {
      if (socket.active || timer) return;
      const res = await fetch('/api/me', { credentials: 'same-origin' }).catch(() => null);
      if (res?.status === 401) {
        const here = window.location.pathname + window.location.search;
        window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        socket.connect();
      }, RETRY_MS);
    };
    socket.on('connect_error', onError);
    return () => {
      socket.off('connect_error', onError);
      if (timer) clearTimeout(timer);
    };
  }, []);
}
