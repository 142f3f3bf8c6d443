import { describe, expect, it } from 'vitest';
import type { MessageView } from '@/lib/domain/views';
import { mergeMessage, recordMessagePush, withRecentPushes } from '@/lib/ui/message-pushes';

const message = (id: number, ticketId: number, status: MessageView['status'], updatedAt: string) =>
  ({ id, ticket_id: ticketId, status, updated_at: updatedAt, text: `m${id}` }) as MessageView;

describe('a conversation fetched while the socket pushed', () => {
  it('keeps "sent" when the fetch answers with the reply still queued', () => {
    recordMessagePush(901, message(2, 901, 'sent', '2026-11-24T10:00:01.000Z'));
    const fetched = [message(1, 901, 'delivered', '2026-11-24T10:00:00.000Z'), message(2, 901, 'queued', '2026-11-24T10:00:00.500Z')];
    expect(withRecentPushes(901, fetched).map((m) => m.status)).toEqual(['delivered', 'sent']);
  });

  it('adds a message pushed before the conversation was loaded', () => {
    recordMessagePush(902, message(7, 902, 'delivered', '2026-11-24T10:00:02.000Z'));
    expect(withRecentPushes(902, [message(5, 902, 'read', '2026-11-24T10:00:00.000Z')]).map((m) => m.id)).toEqual([5, 7]);
  });

  it('never lets an older push undo a newer fetched state', () => {
    recordMessagePush(903, message(3, 903, 'sent', '2026-11-24T10:00:01.000Z'));
    const fetched = [message(3, 903, 'read', '2026-11-24T10:00:05.000Z')];
    expect(withRecentPushes(903, fetched)[0]?.status).toBe('read');
  });

  it('breaks a same-instant tie by how far the message got', () => {
    const at = '2026-11-24T10:00:01.000Z';
    expect(mergeMessage([message(4, 904, 'sent', at)], message(4, 904, 'queued', at))[0]?.status).toBe('sent');
    expect(mergeMessage([message(4, 904, 'queued', at)], message(4, 904, 'sent', at))[0]?.status).toBe('sent');
  });

  it('leaves other tickets alone', () => {
    expect(withRecentPushes(999, [])).toEqual([]);
  });
});
