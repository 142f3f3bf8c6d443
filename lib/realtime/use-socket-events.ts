'use client';
import { useEffect, useRef } from 'react';
import type { ServerToClientEvents } from './events';
import { getSocket } from './socket-client';

export type SocketHandlers = Partial<ServerToClientEvents>;
type AnyHandler = (...args: unknown[]) => void;
type LooseSocket = { on(event: string, fn: AnyHandler): unknown; off(event: string, fn: AnyHandler): unknown };

/**
 * Subscribes a map of handlers for as long as the component lives. The latest handlers are
 * always called, so callers may pass a fresh object each render without re-subscribing.
 */
export function useSocketEvents(handlers: SocketHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const names = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    const socket = getSocket() as unknown as LooseSocket;
    const bound = names
      .split(',')
      .filter(Boolean)
      .map((name) => {
        const fn: AnyHandler = (...args) => (latest.current[name as keyof SocketHandlers] as AnyHandler | undefined)?.(...args);
        socket.on(name, fn);
        return [name, fn] as const;
      });
    return () => {
      for (const [name, fn] of bound) socket.off(name, fn);
    };
  }, [names]);
}
