import { type BaileysEventMap, jidNormalizedUser, proto, type WAMessage } from '@whiskeysockets/baileys';
import type { MediaAttachment } from '../../../lib/domain/attachments';
import type { DomainContext } from '../../../lib/domain/context';
import { linkAddresses } from '../../../lib/domain/contacts';
import { type ChannelRef, ingestInboundMessage } from '../../../lib/domain/ingest';
import type { CustomerAddress } from '../../../lib/domain/jid';
import { applyDeliveryStatus, applyEdit, applyReaction, applyRevoke } from '../../../lib/domain/message-updates';
import { recordPhoneMessage } from '../../../lib/domain/phone-messages';
import type { MessageStatus } from '../../../lib/domain/views';
import { classifyChat, parseMessage, serializeForStorage } from './parse-message';
import type { WASocketLike } from './socket';

const Status = proto.WebMessageInfo.Status;

/** Receipt status → our tick; PENDING says nothing new. */
function tickFor(status: number | null | undefined): Exclude<MessageStatus, 'queued'> | null {
  switch (status) {
    case Status.ERROR:
      return 'failed';
    case Status.SERVER_ACK:
      return 'sent';
    case Status.DELIVERY_ACK:
      return 'delivered';
    case Status.READ:
    case Status.PLAYED:
      return 'read';
    default:
      return null;
  }
}

const REFUSALS: Record<string, string> = {
  '463': 'WhatsApp refused this message (463): the number is restricted from starting new chats. It will not be retried.',
  '479': 'WhatsApp refused this message (479): it was malformed.',
};

export interface InboundDeps {
  ctx: DomainContext;
  channel: ChannelRef;
  socket: () => WASocketLike | null;
  /** A media message was stored: fetch its file in the background. */
  onMedia: (messageId: number, message: WAMessage, attachment: MediaAttachment) => void;
}

/**
 * Turns Baileys' events into Loket's domain calls. Both upsert types are taken: `append`
 * carries what customers sent while we were offline and our own sends' echoes; the
 * idempotency on the WhatsApp id makes every redelivery harmless.
 */
export function createInboundHandler(deps: InboundDeps) {
  const { ctx, channel } = deps;

  async function addressOf(m: WAMessage): Promise<CustomerAddress | null> {
    const chat = classifyChat(m.key);
    if (chat.type === 'skip') return null;
    let { phoneJid, phone } = chat;
    if (!phoneJid && chat.lidJid) {
      // A LID alone: the signal repository may know the phone number behind it.
      const pn = await deps.socket()?.signalRepository.lidMapping.getPNForLID(chat.lidJid).catch(() => null);
      if (pn) {
        phoneJid = jidNormalizedUser(pn);
        phone = phoneJid.split('@')[0] ?? null;
      }
    }
    // With both addresses, ingest's contact resolution merges the customer's two contacts.
    return { phoneJid, lidJid: chat.lidJid, phone };
  }

  async function handleMessage(m: WAMessage) {
    const address = await addressOf(m);
    if (!address) return;
    const parsed = parseMessage(m);
    const ref = (externalId: string) => ({ channelId: channel.id, externalId });
    switch (parsed.type) {
      case 'ignore':
        return;
      case 'reaction':
        await applyReaction(ctx, {
          ...ref(parsed.targetId),
          reactor: parsed.fromMe ? 'business' : (address.phoneJid ?? address.lidJid ?? 'customer'),
          emoji: parsed.emoji ?? '',
        });
        return;
      case 'revoke':
        await applyRevoke(ctx, { ...ref(parsed.targetId), at: parsed.sentAt ?? ctx.clock.now() });
        return;
      case 'edit':
        await applyEdit(ctx, { ...ref(parsed.targetId), text: parsed.text, at: parsed.sentAt ?? ctx.clock.now() });
        return;
      case 'stub':
        if (parsed.fromMe) return;
        await ingestInboundMessage(ctx, {
          channel,
          externalId: parsed.id,
          from: address,
          name: m.pushName ?? null,
          text: '',
          stub: true,
          raw: serializeForStorage(m),
          sentAt: parsed.sentAt ?? undefined,
        });
        return;
      case 'content': {
        const raw = serializeForStorage(m);
        if (parsed.fromMe) {
          const stored = await recordPhoneMessage(ctx, {
            channel,
            externalId: parsed.id,
            to: address,
            text: parsed.text,
            kind: parsed.kind,
            attachment: parsed.attachment,
            raw,
            sentAt: parsed.sentAt ?? undefined,
          });
          if (stored && parsed.attachment?.type === 'media') deps.onMedia(stored.id, m, parsed.attachment);
          // An echo of our own send may already carry its receipt (merged while buffering).
          const tick = tickFor(m.status);
          if (!stored && tick && tick !== 'failed') await applyDeliveryStatus(ctx, { ...ref(parsed.id), status: tick });
          return;
        }
        const result = await ingestInboundMessage(ctx, {
          channel,
          externalId: parsed.id,
          from: address,
          name: parsed.pushName,
          text: parsed.text,
          kind: parsed.kind,
          attachment: parsed.attachment,
          raw,
          sentAt: parsed.sentAt ?? undefined,
        });
        if (!result.duplicate && parsed.attachment?.type === 'media') deps.onMedia(result.message.id, m, parsed.attachment);
        return;
      }
    }
  }

  async function handleUpdate({ key, update }: BaileysEventMap['messages.update'][number]) {
    if (!key.id || !key.fromMe) return;
    const tick = tickFor(update.status);
    if (!tick) return;
    const code = String(update.messageStubParameters?.[0] ?? '');
    await applyDeliveryStatus(ctx, {
      channelId: channel.id,
      externalId: key.id,
      status: tick,
      error: tick === 'failed' ? (REFUSALS[code] ?? `WhatsApp refused this message${code ? ` (${code})` : ''}.`) : null,
    });
  }

  /** One failing message must not stop the rest of the batch. */
  async function each<T>(items: T[], fn: (item: T) => Promise<void>, what: string) {
    for (const item of items) {
      try {
        await fn(item);
      } catch (error) {
        ctx.logger.error({ err: error, channelId: channel.id }, `whatsapp ${what} failed`);
      }
    }
  }

  return {
    upsert: ({ messages }: BaileysEventMap['messages.upsert']) => each(messages, handleMessage, 'message'),
    update: (updates: BaileysEventMap['messages.update']) => each(updates, handleUpdate, 'receipt'),
    async lidMapping({ lid, pn }: BaileysEventMap['lid-mapping.update']) {
      const lidJid = jidNormalizedUser(lid);
      const phoneJid = jidNormalizedUser(pn);
      await linkAddresses(ctx, channel.id, { lidJid, phoneJid, phone: phoneJid.split('@')[0] ?? null });
    },
  };
}
