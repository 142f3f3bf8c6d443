import type { ChannelStatus, ChannelView, MessageView, Presence, Role, TicketView } from '../domain/views';
import type { TakenDelivery } from '../domain/outbound-direct';
import type { SlaMark } from './events';

// What the domain announces after a commit. The socket hub and the outbox listen.
export type DomainEvent =
  | { type: 'ticket.created'; ticket: TicketView }
  /**
   * `activity`: only the ticket's own numbers moved (a message, unread count); it goes to the
   * assignee and supervisors rather than to every agent. `lifecycle` (default): status or owner changed.
   */
  | { type: 'ticket.updated'; ticket: TicketView; scope?: 'lifecycle' | 'activity'; previousAssigneeId?: number | null }
  | { type: 'message.created'; message: MessageView; assigneeId: number | null }
  | { type: 'message.updated'; message: MessageView; assigneeId: number | null }
  /** `taken`: already leased to the outbox hearing this, with what sending needs (lib/domain/outbound-direct.ts). */
  | { type: 'outbound.queued'; messageId: number; channelId: number; chatId: number; taken?: TakenDelivery }
  /** Someone came online, went away or offline (`user` set), or a tab opened or closed here. */
  | { type: 'presence.changed'; user?: { id: number; name: string; role: Role; presence: Presence } }
  /** A ticket escalated for no answer. */
  | { type: 'sla.alert'; kind: 'escalated'; ticket: TicketView; waitedSeconds: number }
  /**
   * Waiting tickets that just crossed a mark of their waiting SLA, in id order: a backlog comes
   * as one event. The mark changes nothing else on a ticket, so each is named, not presented;
   * `alerts` holds the full alert of every one when there are few (FULL_ALERTS_UP_TO), else of
   * the one that waited longest.
   */
  | { type: 'sla.marked'; kind: 'warning' | 'breached'; marks: SlaMark[]; alerts: { ticket: TicketView; waitedSeconds: number }[] }
  /** An admin changed a settings group: sweepers and caches pick it up. */
  | { type: 'settings.changed'; group: string }
  | { type: 'channel.updated'; channel: ChannelView; previousStatus: ChannelStatus | null }
  | { type: 'channel.link'; channelId: number; qr: string | null; pairingCode: string | null }
  /** The assignee opened the ticket: tell the customer's phone these messages were read. */
  | { type: 'messages.read'; channelId: number; contactId: number; externalIds: string[] }
  /** An agent is typing a reply: the customer sees "typing…". */
  | { type: 'agent.typing'; channelId: number; contactId: number; ticketId: number }
  /** Access changed: `revoked` (disabled, new password) or a new role; open sockets must reconnect or go. */
  | { type: 'user.updated'; userId: number; revoked: boolean; roleChanged: boolean };

export type DomainEventHandler = (event: DomainEvent) => void;

export interface EventBus {
  publish(event: DomainEvent): void;
  subscribe(handler: DomainEventHandler): () => void;
}

export function createEventBus(onError: (error: unknown, event: DomainEvent) => void = () => {}): EventBus {
  const handlers = new Set<DomainEventHandler>();
  return {
    publish(event) {
      for (const handler of handlers) {
        try {
          handler(event);
        } catch (error) {
          onError(error, event);
        }
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
