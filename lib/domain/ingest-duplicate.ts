import { and, eq } from 'drizzle-orm';
import { messages, tickets } from '../db/schema';
import type { DomainContext } from './context';
import type { IngestResult, InboundMessage } from './ingest';
import { presentMessage } from './presenters';
import { getTicketView } from './ticket-views';

/**
 * A message id we already have. Usually a redelivery (nothing to do); but when what we
 * stored was a decryption stub and this delivery has the content, the stub is upgraded.
 */
export async function upgradeOrDuplicate(ctx: DomainContext, input: InboundMessage): Promise<IngestResult> {
  const where = and(eq(messages.channelId, input.channel.id), eq(messages.externalId, input.externalId));
  const [existing] = await ctx.db.select().from(messages).where(where).limit(1);
  if (!existing?.ticketId) throw new Error(`duplicate message ${input.externalId} has no ticket`);
  let row = existing;
  if (existing.stub && !input.stub) {
    const now = ctx.clock.now();
    const [upgraded] = await ctx.db
      .update(messages)
      .set({
        text: input.text,
        kind: input.kind ?? 'text',
        media: input.attachment ?? null,
        raw: input.raw ?? null,
        stub: false,
        updatedAt: now,
      })
      .where(and(where, eq(messages.stub, true)))
      .returning();
    if (upgraded) {
      row = upgraded;
      const [ticket] = await ctx.db.select({ assignee: tickets.assignedAgentId }).from(tickets).where(eq(tickets.id, upgraded.ticketId!));
      ctx.bus.publish({ type: 'message.updated', message: presentMessage(upgraded), assigneeId: ticket?.assignee ?? null });
      ctx.logger.info({ messageId: upgraded.id, externalId: input.externalId }, 'decryption stub upgraded with its content');
    }
  }
  const ticket = await getTicketView(ctx.db, existing.ticketId);
  if (!ticket) throw new Error(`ticket ${existing.ticketId} not found`);
  if (row === existing) {
    ctx.logger.info({ channelId: input.channel.id, externalId: input.externalId, messageId: existing.id }, 'duplicate message ignored');
  }
  return { duplicate: row === existing, ticketCreated: false, ticket, message: presentMessage(row), botReply: null };
}

/** Tells everyone about tickets that changed as a side effect (a contact merge). */
export async function publishTickets(ctx: DomainContext, ticketIds: number[]) {
  for (const id of new Set(ticketIds)) {
    const ticket = await getTicketView(ctx.db, id);
    if (ticket) ctx.bus.publish({ type: 'ticket.updated', ticket });
  }
}
