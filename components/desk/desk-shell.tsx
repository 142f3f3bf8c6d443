'use client';
import type { ReactNode } from 'react';
import type { ActorView } from '@/lib/domain/views';
import { useDeskSync } from '@/lib/realtime/use-desk-sync';
import { useSessionGuard } from '@/lib/realtime/use-session-guard';
import { useTeamSync } from '@/lib/realtime/use-team-sync';
import { CountsStrip } from '@/components/supervisor/counts-strip';
import { ChannelBanner } from './channel-banner';
import { DeskProvider } from './desk-context';
import { NavRail } from './nav-rail';
import { Providers } from './providers';
import { TicketsMovedNotice } from './tickets-moved-notice';
import { useSlaAlerts } from './use-sla-alerts';

function Synced({ me }: { me: ActorView }) {
  useDeskSync(me.id);
  useSessionGuard();
  useTeamSync();
  useSlaAlerts(me.id);
  return null;
}

/** The frame of every signed-in page: nav on the left, the live counts on top (supervisors), the page. */
export function DeskShell({ me, simulator, children }: { me: ActorView; simulator: boolean; children: ReactNode }) {
  const supervises = me.role === 'supervisor' || me.role === 'admin';
  return (
    <Providers>
      <DeskProvider me={me} simulator={simulator}>
        <Synced me={me} />
        <div className="flex h-dvh overflow-hidden">
          <NavRail />
          <div className="flex min-w-0 flex-1 flex-col">
            {supervises && <ChannelBanner />}
            {supervises && <CountsStrip />}
            <TicketsMovedNotice />
            <main className="min-h-0 flex-1 overflow-y-auto">{children}</main>
          </div>
        </div>
      </DeskProvider>
    </Providers>
  );
}
