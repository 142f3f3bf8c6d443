'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { toast } from 'sonner';
import type { TicketView } from '@/lib/domain/views';
import type { SlaAlert, SlaMarks } from '@/lib/realtime/events';
import { applyTicket } from '@/lib/realtime/use-desk-sync';
import { useSocketEvents } from '@/lib/realtime/use-socket-events';
import { beep, unlockAudioOnGesture } from '@/lib/ui/alert-sound';
import { api, isApiError } from '@/lib/ui/api';
import { notify } from '@/lib/ui/browser-notifications';
import { admitMarks, alertDurationMs, alertKey, createAlertGate } from '@/lib/ui/sla-alerts';
import { SlaAlertToast, SlaBurstToast, useSlaAlertText, useSlaBurstText } from './sla-alert-toast';

// One gate per tab, not per mount: navigating between pages must not show an alert again.
const gate = createAlertGate();

/**
 * `sla:alert` → a toast, a system notification (when allowed and the tab is in the background) and
 * a beep. `sla:marks` (a backlog crossing a mark together) → the same for a few, one summary for many.
 */
export function useSlaAlerts(myId: number): void {
  const t = useTranslations('sla');
  const router = useRouter();
  const client = useQueryClient();
  const text = useSlaAlertText();
  const burstText = useSlaBurstText();

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
    if (gate.admit(alertKey(alert))) showAdmitted(alert);
  }

  function showBurst(burst: SlaMarks) {
    const { each, summary } = admitMarks(gate, burst);
    for (const alert of each) showAdmitted(alert);
    if (!summary) return;
    const { title, body } = burstText(summary);
    const id = `burst:${summary.kind}`;
    const open = () => {
      toast.dismiss(id);
      router.push('/queue');
    };
    toast.custom(
      () => <SlaBurstToast kind={summary.kind} count={summary.count} title={title} body={body} onOpen={open} onDismiss={() => toast.dismiss(id)} />,
      { id, duration: alertDurationMs(summary.kind) },
    );
    notify({ title, body, tag: id, onClick: open });
    beep(summary.kind !== 'warning');
  }

  function showAdmitted(alert: SlaAlert) {
    const key = alertKey(alert);
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
    'sla:marks': showBurst,
    // Someone took the ticket: its waiting alerts have done their job.
    'ticket:updated': (ticket) => {
      if (ticket.status === 'pending') return;
      for (const kind of ['warning', 'breached'] as const) toast.dismiss(alertKey({ kind, ticket }));
    },
  });
}
