import { describe, expect, it } from 'vitest';
import type { MessageRow, TicketRow } from '../../lib/db/schema';
import { presentMessage, presentTicket } from '../../lib/domain/presenters';

const created = new Date('2026-01-05T08:00:00.000Z');
const assigned = new Date('2026-01-05T08:00:05.000Z');

const ticketRow: TicketRow = {
  id: 123,
  chatId: 45,
  channelId: 2,
  contactId: 9,
  status: 'assigned',
  priority: 'urgent',
  assignedAgentId: 5,
  preview: 'Halo bot',
  unreadCount: 3,
  lastMessageAt: assigned,
  createdAt: created,
  updatedAt: assigned,
  assignedAt: assigned,
  firstAssignedAt: assigned,
  firstResponseAt: null,
  resolvedAt: null,
  resolvedBy: null,
    queuedAt: created,
    awaitingReplySince: null,
    lastCustomerMessageAt: null,
    slaWarnedAt: null,
    slaBreachedAt: null,
    escalatedAt: null,
    outOfHoursNotifiedAt: null,
};

describe('presentTicket: the shape of a ticket in REST and socket events', () => {
  it('has the seed queue item fields, snake_case, with ISO timestamps', () => {
    const view = presentTicket({
      ticket: ticketRow,
      customerName: 'Budi',
      customerPhone: '628123456789',
      channelName: 'Gateway',
      channelKind: 'gateway',
      agentName: 'Sari',
    });
    expect(view).toEqual({
      id: 123,
      status: 'assigned',
      priority: 'urgent',
      customer_name: 'Budi',
      customer_phone: '628123456789',
      contact_id: 9,
      chat_id: 45,
      channel_id: 2,
      channel_name: 'Gateway',
      channel_kind: 'gateway',
      assigned_agent_id: 5,
      assigned_agent_name: 'Sari',
      preview: 'Halo bot',
      unread_count: 3,
      created_at: '2026-01-05T08:00:00.000Z',
      updated_at: '2026-01-05T08:00:05.000Z',
      assigned_at: '2026-01-05T08:00:05.000Z',
      first_response_at: null,
      resolved_at: null,
      last_message_at: '2026-01-05T08:00:05.000Z',
      queued_at: '2026-01-05T08:00:00.000Z',
      sla_state: 'ok',
      awaiting_reply_since: null,
      escalated_at: null,
    });
    // It goes over the wire as JSON unchanged.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('a pending ticket from a LID-only customer has nulls, not missing keys', () => {
    const view = presentTicket({
      ticket: { ...ticketRow, status: 'pending', assignedAgentId: null, assignedAt: null, lastMessageAt: null },
      customerName: null,
      customerPhone: null,
      channelName: 'Simulator',
      channelKind: 'simulator',
      agentName: null,
    });
    expect(view).toMatchObject({ customer_name: null, customer_phone: null, assigned_agent_id: null, assigned_at: null, last_message_at: null });
    expect(Object.keys(view)).toContain('assigned_agent_id');
  });
});

describe('presentMessage', () => {
  const row: MessageRow = {
    id: 77,
    channelId: 2,
    chatId: 45,
    ticketId: 123,
    direction: 'out',
    sender: 'agent',
    authorId: 5,
    text: 'Baik, kami cek dulu ya',
    kind: 'text',
    media: null,
    raw: null,
    fromPhone: false,
    stub: false,
    editedAt: null,
    originalText: null,
    deletedAt: null,
    reactions: {},
    externalId: null,
    clientId: 'client-0001',
    status: 'failed',
    error: 'The gateway answered 500',
    attempts: 1,
    nextAttemptAt: null,
    sentAt: null,
    createdAt: created,
    updatedAt: assigned,
  };

  it('has the seed message fields plus the author and delivery state', () => {
    expect(presentMessage(row, 'Sari')).toEqual({
      id: 77,
      ticket_id: 123,
      chat_id: 45,
      channel_id: 2,
      direction: 'out',
      sender: 'agent',
      author_id: 5,
      author_name: 'Sari',
      text: 'Baik, kami cek dulu ya',
      kind: 'text',
      media: null,
      from_phone: false,
      stub: false,
      edited_at: null,
      original_text: null,
      deleted_at: null,
      reactions: {},
      status: 'failed',
      error: 'The gateway answered 500',
      external_id: null,
      client_id: 'client-0001',
      created_at: '2026-01-05T08:00:00.000Z',
      updated_at: '2026-01-05T08:00:05.000Z',
      sent_at: null,
    });
  });

  it('a customer message has no author; sent_at is ISO when set', () => {
    const view = presentMessage({ ...row, direction: 'in', sender: 'customer', authorId: null, status: 'delivered', sentAt: created });
    expect(view).toMatchObject({ sender: 'customer', author_id: null, author_name: null, sent_at: '2026-01-05T08:00:00.000Z' });
  });
});
