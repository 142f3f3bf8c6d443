'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { toast } from 'sonner';
import type { TicketView } from '@/lib/domain/views';
import type { SlaAlert } from '@/lib/realtime/events';
import { applyTicket } from '@/lib/realtime/use-desk-sync';
import { useSocketEvents } from '@/lib/realtime/use-socket-events';
import { beep, unlockAudioOnGesture } from '@/lib/ui/alert-sound';
import { api, isApiError } from '@/lib/ui/api';
import { notify } from '@/lib/ui/browser-notifications';
import { alertDurationMs, alertKey, createAlertGate } from '@/lib/ui/sla-alerts';
import { SlaAlertToast, useSlaAlertText } from './sla-alert-toast';

// One gate per tab, not per mount: navigating between pages must not show an alert again.
const gate = createAlertGate();

/** `sla:alert` → a toast, a system notification (when allowed and the tab is in the background) and a beep. */
export function useSlaAlerts(myId: number): void {
  const t = useTranslations('sla');
  const router = useRouter();
  const client = useQueryClient();
  const text = useSlaAlertText();

  useEffect(() => unlockAudioOnGesture(), []);

  async function claim(ticketId: number, toastId: string) {
    try {
      const { ticket } = await api<{ ticket: TicketView }>(`/api/tickets/${ticketId}/claim`, { method: 'POST' });
      applyTicket(client, ticket, myId);
      toast.dismiss(toastId);
      router.push(`/tickets/${ticketId}`);
    } catch (error) {
      toast.dismiss(toastId);
      toast.error(isApiError(error) && error.status > 0 ? error.message : t('claimFailed'));
    }
  }

  function show(alert: SlaAlert) {
    const key = alertKey(alert);
    if (!gate.admit(key)) return;
    const { title, body } = text(alert);
    const ticketId = alert.ticket.id;
    const open = () => {
      toast.dismiss(key);
      router.push(`/tickets/${ticketId}`);
    };
    const waiting = alert.kind !== 'escalated' && alert.ticket.status === 'pending';
    toast.custom(
      () => (
        <SlaAlertToast
          alert={alert}
          title={title}
          body={body}
          onOpen={open}
          onClaim={waiting ? () => void claim(ticketId, key) : null}
          onDismiss={() => toast.dismiss(key)}
        />
      ),
      { id: key, duration: alertDurationMs(alert.kind) },
    );
    notify({ title, body, tag: key, onClick: open });
    beep(alert.kind !== 'warning');
  }

  useSocketEvents({
    'sla:alert': show,
    // Someone took the ticket: its waiting alerts have done their job.
    'ticket:updated': (ticket) => {
      if (ticket.status === 'pending') return;
      for (const kind of ['warning', 'breached'] as const) toast.dismiss(alertKey({ kind, ticket }));
    },
  });
}
