'use client';
import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { closeSocket } from '@/lib/realtime/socket-client';
import { api } from '@/lib/ui/api';
import { initials } from '@/lib/ui/format';
import { useDesk } from './desk-context';
import { PresenceToggle } from './presence-toggle';

export function UserBox() {
  const t = useTranslations();
  const { me } = useDesk();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    try {
      await api('/api/auth/sign-out', { method: 'POST', body: {} });
      closeSocket();
      client.clear();
      // A full load: nothing of this session should survive in memory.
      window.location.assign('/sign-in');
    } catch {
      setBusy(false);
      toast.error(t('nav.signOutFailed'));
    }
  }

  return (
    <div className="flex items-center gap-2 rounded-md px-1.5 py-1">
      <span className="grid size-7 shrink-0 place-items-center rounded-full bg-muted text-[11px] font-semibold text-muted-foreground">
        {initials(me.name)}
      </span>
      <div className="min-w-0 flex-1 leading-tight">
        <div data-testid="me-name" className="truncate text-[13px] font-medium">
          {me.name}
        </div>
        <div className="flex items-center gap-1">
          <span data-testid="me-role" className="truncate text-[11px] text-muted-foreground">
            {t(`roles.${me.role}`)}
          </span>
          <PresenceToggle />
        </div>
      </div>
      <button
        type="button"
        data-testid="sign-out"
        onClick={signOut}
        disabled={busy}
        title={t('nav.signOut')}
        aria-label={t('nav.signOut')}
        className="grid size-7 place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50"
      >
        <LogOut className="size-4" />
      </button>
    </div>
  );
}
