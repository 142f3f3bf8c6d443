'use client';
import { useSyncExternalStore } from 'react';
import { getSocket } from './socket-client';

export type ConnectionState = 'connected' | 'disconnected';

function subscribe(onChange: () => void) {
  const socket = getSocket();
  socket.on('connect', onChange);
  socket.on('disconnect', onChange);
  socket.on('connect_error', onChange);
  return () => {
    socket.off('connect', onChange);
    socket.off('disconnect', onChange);
    socket.off('connect_error', onChange);
  };
}

/** Live socket state for the indicator; the server render always says disconnected. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    subscribe,
    () => (getSocket().connected ? 'connected' : 'disconnected'),
    () => 'disconnected',
  );
}
