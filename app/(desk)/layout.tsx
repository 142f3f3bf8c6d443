import type { ReactNode } from 'react';
import { DeskShell } from '@/components/desk/desk-shell';
import { requireActor, simulatorEnabled } from '@/lib/ui/server-session';

// Every desk page reads the session (and the database): never prerendered.
export const dynamic = 'force-dynamic';

export default async function DeskLayout({ children }: { children: ReactNode }) {
  const me = await requireActor();
  return (
    <DeskShell me={me} simulator={simulatorEnabled()}>
      {children}
    </DeskShell>
  );
}
