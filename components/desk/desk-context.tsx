'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { ActorView } from '@/lib/domain/views';

interface Desk {
  me: ActorView;
  simulator: boolean;
  /** Supervisors and admins: see every ticket, answer any, watch the counts. */
  supervises: boolean;
}

const DeskContext = createContext<Desk | null>(null);

export function DeskProvider({ me, simulator, children }: { me: ActorView; simulator: boolean; children: ReactNode }) {
  const supervises = me.role === 'supervisor' || me.role === 'admin';
  return <DeskContext.Provider value={{ me, simulator, supervises }}>{children}</DeskContext.Provider>;
}

export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk must be used inside the desk layout');
  return desk;
}
