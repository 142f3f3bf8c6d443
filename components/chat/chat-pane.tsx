'use client';
import { useQueryClient } from '@tanstack/react-query';
import { CheckCircle2, ShieldAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { useDesk } from '@/components/desk/desk-context';
import { useClaim } from '@/components/queue/use-claim';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import type { MessageView, TicketView } from '@/lib/domain/views';
import { applyTicket, upsertMessage } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';
import { useMessages, useTicket } from '@/lib/ui/queries';
import { ChatHeader } from './chat-header';
import { optimistic, toBubble } from './bubble-model';
import { MessageList } from './message-list';
import { ReplyBox } from './reply-box';
import { TicketTimeline } from './ticket-timeline';
import { TicketToolbar } from './ticket-toolbar';
import { useMarkRead } from './use-mark-read';
import { useReply } from './use-reply';
import { useTicketWatch } from './use-ticket-watch';
import { useTypingSignal } from './use-typing-signal';

function PaneSkeleton() {
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b bg-card px-4 py-3">
        <Skeleton className="size-9 rounded-full" />
        <Skeleton className="h-4 w-48" />
      </div>
      <div className="flex-1 bg-chat-bg" />
    </div>
  );
}

/** One conversation, live both ways: what the customer sends appears, what we send shows its ticks. */
export function ChatPane({ ticketId }: { ticketId: number }) {
  const t = useTranslations('chat');
  const tc = useTranslations('capacity');
  const client = useQueryClient();
  const { me, supervises } = useDesk();
  const ticketQuery = useTicket(ticketId);
  const messagesQuery = useMessages(ticketId);
  const ticket = ticketQuery.data;
  useTicketWatch(ticketId, !ticketQuery.isError);
  useMarkRead(ticket, me.id);
  const reply = useReply(ticketId);
  const { claim, claimingId, conflict } = useClaim();
  const [resolving, setResolving] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [retryingId, setRetryingId] = useState<number | null>(null);
  const canType = Boolean(ticket && ticket.status !== 'resolved' && (supervises || ticket.assigned_agent_id === me.id));
  const onTyping = useTypingSignal(ticketId, canType);
  const [timelineOpen, setTimelineOpen] = useTimelineOpen();

  if (ticketQuery.isError) {
    const error = ticketQuery.error;
    const text = isApiError(error, 403) ? t('forbidden') : isApiError(error, 404) ? t('notFound') : t('loadFailed');
    return (
      <div className="p-6">
        <Notice tone={isApiError(error, 403) ? 'warning' : 'error'} data-testid="chat-error">
          <ShieldAlert aria-hidden />
          {text}
        </Notice>
      </div>
    );
  }
  if (!ticket) return <PaneSkeleton />;

  const canAct = supervises || ticket.assigned_agent_id === me.id;
  const disabledReason =
    ticket.status === 'resolved'
      ? t('reasonResolved')
      : canAct
        ? null
        : ticket.status === 'pending'
          ? t('reasonClaimFirst')
          : t('reasonOther', { name: ticket.assigned_agent_name ?? '—' });

  const serverMessages = messagesQuery.data ?? [];
  const sentIds = new Set(serverMessages.map((m) => m.client_id).filter(Boolean));
  const bubbles = [
    ...serverMessages.map(toBubble),
    ...reply.pending.filter((r) => !sentIds.has(r.clientId)).map((r) => optimistic(r, me.name)),
  ];

  async function resolve() {
    setResolving(true);
    setActionError(null);
    try {
      const { ticket: resolved } = await api<{ ticket: TicketView }>(`/api/tickets/${ticketId}/resolve`, { method: 'POST' });
      applyTicket(client, resolved, me.id);
    } catch (error) {
      setActionError(isApiError(error) && error.status > 0 ? error.message : t('actionFailed'));
      void ticketQuery.refetch();
    } finally {
      setResolving(false);
    }
  }

  async function retry(messageId: number) {
    setRetryingId(messageId);
    try {
      const { message } = await api<{ message: MessageView }>(`/api/messages/${messageId}/retry`, { method: 'POST' });
      upsertMessage(client, message);
    } catch (error) {
      toast.error(isApiError(error) && error.status > 0 ? error.message : t('actionFailed'));
    } finally {
      setRetryingId(null);
    }
  }

  return (
    <section data-testid="chat-pane" data-ticket-id={ticket.id} data-status={ticket.status} className="flex h-full min-w-0 flex-1 flex-col">
      <ChatHeader
        ticket={ticket}
        canResolve={canAct}
        resolving={resolving}
        claiming={claimingId === ticket.id}
        onClaim={() => void claim(ticket.id)}
        onResolve={() => void resolve()}
        toolbar={<TicketToolbar ticket={ticket} onError={setActionError} timelineOpen={timelineOpen} onToggleTimeline={() => setTimelineOpen(!timelineOpen)} />}
      />
      {(conflict || actionError) && (
        <div className="border-b bg-card px-4 py-2">
          {conflict && (
            <Notice tone="warning" data-testid="claim-conflict" data-code={conflict.code}>
              <span>
                <span className="font-medium">{conflict.code === 'capacity_reached' ? tc('capacityTitle') : t('conflictTitle')}</span> {conflict.message}
              </span>
            </Notice>
          )}
          {actionError && (
            <Notice tone="error" data-testid="chat-action-error">
              {actionError}
            </Notice>
          )}
        </div>
      )}
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          {messagesQuery.isPending ? (
            <div className="flex flex-1 flex-col gap-3 bg-chat-bg p-5">
              <Skeleton className="h-10 w-64" />
              <Skeleton className="ml-auto h-10 w-56" />
            </div>
          ) : messagesQuery.isError ? (
            <div className="flex-1 bg-chat-bg p-5">
              <Notice tone="error">{t('messagesFailed')}</Notice>
            </div>
          ) : (
            <MessageList messages={bubbles} onRetry={canAct ? (id) => void retry(id) : undefined} retryingId={retryingId} />
          )}
          {ticket.status === 'resolved' && (
            <Notice tone="success" data-testid="ticket-resolved" className="rounded-none border-x-0 border-b-0">
              <CheckCircle2 className="text-emerald-600" aria-hidden />
              {t('resolvedBanner')}
            </Notice>
          )}
          <ReplyBox
            text={reply.text}
            setText={reply.setText}
            file={reply.file}
            setFile={reply.setFile}
            disabledReason={disabledReason}
            error={reply.error}
            onSend={(text, file) => void reply.send(text, file)}
            onTyping={onTyping}
          />
        </div>
        {timelineOpen && <TicketTimeline ticket={ticket} onClose={() => setTimelineOpen(false)} />}
      </div>
    </section>
  );
}

const TIMELINE_KEY = 'loket.timeline.open';

/** Whether the timeline panel is open: remembered in this browser, so it stays open from chat to chat. */
function useTimelineOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    try {
      if (localStorage.getItem(TIMELINE_KEY) === '1') setOpen(true);
    } catch {
      // No storage: closed by default.
    }
  }, []);
  const set = (next: boolean) => {
    setOpen(next);
    try {
      localStorage.setItem(TIMELINE_KEY, next ? '1' : '0');
    } catch {
      // No storage: remembered for this page only.
    }
  };
  return [open, set];
}
