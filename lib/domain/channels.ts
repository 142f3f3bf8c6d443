import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { channels, type ChannelKind, type ChannelRow } from '../db/schema';
import type { DomainContext } from './context';
import { conflict, notFound } from './errors';
import { CHANNEL_STATUSES, type ChannelStatus, type ChannelView } from './views';

/** Makes sure a built-in channel exists (the simulator, the gateway) and returns it. */
export async function ensureChannel(db: Database, kind: ChannelKind, name: string): Promise<ChannelRow> {
  await db.insert(channels).values({ kind, name }).onConflictDoNothing({ target: channels.name });
  const [row] = await db.select().from(channels).where(eq(channels.name, name)).limit(1);
  if (!row) throw new Error(`channel ${name} could not be created`);
  if (row.kind !== kind) throw new Error(`channel ${name} exists with kind ${row.kind}, expected ${kind}`);
  return row;
}

export async function listChannels(db: Database): Promise<ChannelRow[]> {
  return db.select().from(channels).orderBy(asc(channels.id));
}

export async function getChannel(db: Database, channelId: number): Promise<ChannelRow> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId)).limit(1);
  if (!row) throw notFound('Channel');
  return row;
}

const asStatus = (value: string): ChannelStatus =>
  (CHANNEL_STATUSES as readonly string[]).includes(value) ? (value as ChannelStatus) : 'disconnected';

export function presentChannel(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: asStatus(row.status),
    status_reason: row.statusReason,
    status_at: row.statusAt?.toISOString() ?? null,
    phone: row.phone,
    created_at: row.createdAt.toISOString(),
  };
}

export const newWhatsAppChannelSchema = z.object({
  name: z.string().trim().min(1, 'give the number a name, e.g. "Sales" or "Support"').max(60),
});

/** A WhatsApp number to link: it starts as `new`, and the channel manager shows its QR. */
export async function createWhatsAppChannel(ctx: DomainContext, input: z.infer<typeof newWhatsAppChannelSchema>) {
  const { name } = newWhatsAppChannelSchema.parse(input);
  const now = ctx.clock.now();
  try {
    const [row] = await ctx.db
      .insert(channels)
      .values({ kind: 'baileys', name, status: 'new', statusAt: now, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('channel insert returned nothing');
    const channel = presentChannel(row);
    ctx.bus.publish({ type: 'channel.updated', channel, previousStatus: null });
    return channel;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('channel_name_taken', `A channel named "${name}" already exists.`);
    throw error;
  }
}

export interface ChannelStatusChange {
  status: ChannelStatus;
  reason?: string | null;
  /** The linked number, when WhatsApp tells us (on connect). */
  phone?: string | null;
}

/** Records a channel's new state and announces it; nothing happens when nothing changed. */
export async function setChannelStatus(ctx: DomainContext, channelId: number, next: ChannelStatusChange) {
  const current = await getChannel(ctx.db, channelId);
  const reason = next.reason ?? null;
  const phone = next.phone === undefined ? current.phone : next.phone;
  if (current.status === next.status && current.statusReason === reason && current.phone === phone) {
    return presentChannel(current);
  }
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .update(channels)
    .set({ status: next.status, statusReason: reason, statusAt: now, phone, updatedAt: now })
    .where(eq(channels.id, channelId))
    .returning();
  if (!row) throw notFound('Channel');
  const channel = presentChannel(row);
  ctx.logger.info({ channelId, from: current.status, to: channel.status, reason }, 'channel status changed');
  ctx.bus.publish({ type: 'channel.updated', channel, previousStatus: asStatus(current.status) });
  return channel;
}
