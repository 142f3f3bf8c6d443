import NodeCache from '@cacheable/node-cache';
import {
  Browsers,
  type BaileysEventMap,
  type CacheStore,
  generateMessageIDV2,
  isJidBroadcast,
  isJidNewsletter,
  jidDecode,
  type WAVersion,
} from '@whiskeysockets/baileys';
import { setChannelStatus } from '../../../lib/domain/channels';
import type { DomainContext } from '../../../lib/domain/context';
import { conflict, DomainError } from '../../../lib/domain/errors';
import type { ChannelRef } from '../../../lib/domain/ingest';
import { findRawMessage, findRawMessages } from '../../../lib/domain/message-updates';
import { getCachedSettings, whatsappSettings } from '../../../lib/domain/settings';
import type { ChannelStatus } from '../../../lib/domain/views';
import type { Logger } from '../../../lib/logger';
import type { MediaStore } from '../../../lib/media/media-store';
import type { ChannelLink } from '../../../lib/realtime/events';
import { cachedKeys, loadWhatsAppAuth, type WhatsAppAuth } from '../../../lib/whatsapp/auth-store';
import type { Timers } from '../../socket/coalesce';
import { type ChannelAdapter, type Pacing, SendError } from '../types';
import { createInboundHandler } from './inbound';
import { createMediaQueue } from './media-queue';
import { classifySendError, customerJid, messageContent } from './outbound';
import { restoreMessage, serializeForStorage } from './parse-message';
import { readDisconnect, ReconnectTracker, type ReconnectPolicyOptions } from './reconnect-policy';
import { createRealSocket } from './real-socket';
import type { SocketFactory, WASocketLike } from './socket';

export interface WhatsAppConnectionOptions {
  ctx: DomainContext;
  channel: ChannelRef;
  media: MediaStore;
  /** Baileys' makeWASocket unless given (tests build theirs on Baileys' own emitter). */
  makeSocket?: SocketFactory;
  /** The WhatsApp Web version to claim (resolved once, lazily: it may ask the network). */
  version: () => Promise<WAVersion>;
  timers: Timers;
  logger: Logger;
  /** The number can send: the outbox sends what waited. */
  onReady: () => void;
  reconnect?: ReconnectPolicyOptions;
  pairingTimeoutMs?: number;
}

/**
 * One linked WhatsApp number: its Baileys socket across reconnects, its session in the
 * database, its status for the admins, and the channel adapter the outbox sends through.
 */
export function createWhatsAppConnection(options: WhatsAppConnectionOptions) {
  const { ctx, channel, timers } = options;
  const log = options.logger.child({ channelId: channel.id });
  const tracker = new ReconnectTracker({ clock: ctx.clock, ...options.reconnect });
  // Kept across sockets, as Baileys advises, so decrypt retries do not start over.
  const retryCounter = new NodeCache<number>({ stdTTL: 3600 }) as unknown as CacheStore;
  let sock: WASocketLike | null = null;
  let auth: WhatsAppAuth | null = null;
  let connected = false;
  let stopped = false;
  let link: ChannelLink | null = null;
  let reconnectTimer: unknown = null;
  let pairing: { phone: string; resolve: (code: string) => void; reject: (e: Error) => void } | null = null;
  let pacing: Pacing = { intervalMs: 1_000, jitterMs: 500 };
  let pacingRead = 0;
  let batches: Promise<void> = Promise.resolve();
  // An admin's new send interval applies within seconds, without a reconnect.
  const refreshPacing = async () => {
    pacingRead = ctx.clock.now().getTime();
    const settings = await getCachedSettings(ctx.db, whatsappSettings);
    pacing = { intervalMs: settings.send_interval_ms, jitterMs: settings.send_jitter_ms };
  };

  const status = (next: ChannelStatus, reason: string | null = null, phone?: string | null) =>
    setChannelStatus(ctx, channel.id, { status: next, reason, phone }).catch((error) =>
      log.error({ err: error }, 'could not record the channel status'),
    );
  const showLink = (next: ChannelLink | null) => {
    link = next;
    ctx.bus.publish({ type: 'channel.link', channelId: channel.id, qr: next?.qr ?? null, pairingCode: next?.pairing_code ?? null });
  };

  const mediaQueue = createMediaQueue({
    ctx,
    channelId: channel.id,
    media: options.media,
    timers,
    reupload: () => (sock && connected ? sock.updateMediaMessage : null),
  });
  const inbound = createInboundHandler({ ctx, channel, socket: () => sock, onMedia: mediaQueue.add });

  async function open() {
    if (stopped) return;
    if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    auth ??= await loadWhatsAppAuth(ctx.db, channel.id);
    const current = auth;
    const version = await options.version();
    // Before the socket exists: written after, it could land after that socket's own
    // `connected` (its events are handled concurrently) and leave the number "connecting".
    if (current.hasSession()) await status('connecting', 'Connecting to WhatsApp…');
    if (stopped) return;
    const s = (options.makeSocket ?? createRealSocket)({
      auth: { creds: current.state.creds, keys: cachedKeys(current.state.keys, log) },
      logger: log.child({ lib: 'baileys' }, { level: process.env.LOKET_WA_LOG_LEVEL ?? 'warn' }),
      browser: Browsers.ubuntu('Loket'),
      version,
      markOnlineOnConnect: false, // the phone keeps getting notifications
      syncFullHistory: false,
      msgRetryCounterCache: retryCounter,
      shouldIgnoreJid: (jid) => isJidBroadcast(jid) || isJidNewsletter(jid),
      // Answers WhatsApp's retry requests from what we stored; undefined on a miss, never an empty message.
      getMessage: async (key) => {
        if (!key.id) return undefined;
        const raw = await findRawMessage(ctx, { channelId: channel.id, externalId: key.id });
        return raw ? (restoreMessage(raw).message ?? undefined) : undefined;
      },
    }, channel.id);
    sock = s;
    // Baileys does not wait for one batch to be handled before emitting the next: keep them
    // in order, so credentials are saved before a restart is handled, a receipt after its message.
    s.ev.process((events) => {
      batches = batches.then(() => handle(s, events));
      return batches;
    });
  }

  async function handle(s: WASocketLike, events: Partial<BaileysEventMap>) {
    if (s !== sock) return; // a socket we already left behind
    const run = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        log.error({ err: error }, `whatsapp ${what} failed`);
      }
    };
    const update = events['connection.update'];
    if (events['creds.update']) await run('saving credentials', () => auth!.saveCreds());
    if (update?.qr) await run('showing the QR', () => onQr(s, update.qr!));
    if (update?.connection === 'open') await run('opening', () => onOpen(s));
    if (events['messages.upsert']) await run('messages', () => inbound.upsert(events['messages.upsert']!));
    if (events['messages.update']) await run('receipts', () => inbound.update(events['messages.update']!));
    if (events['lid-mapping.update']) await run('lid mapping', () => inbound.lidMapping(events['lid-mapping.update']!));
    if (update?.connection === 'close') await run('closing', () => onClose(s, update.lastDisconnect?.error));
  }

  async function onQr(s: WASocketLike, qr: string) {
    if (pairing) {
      const request = pairing;
      pairing = null;
      try {
        const code = await s.requestPairingCode(request.phone);
        showLink({ channel_id: channel.id, qr: null, pairing_code: code });
        await status('pairing', `Enter the code ${code} on the phone (${request.phone}).`);
        request.resolve(code);
      } catch (error) {
        request.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    if (link?.pairing_code) return; // the code stays valid while the QR rotates underneath
    showLink({ channel_id: channel.id, qr, pairing_code: null });
    await status('qr', 'Scan the QR code: WhatsApp → Linked devices → Link a device.');
  }

  async function onOpen(s: WASocketLike) {
    tracker.onOpen();
    connected = true;
    if (link) showLink(null);
    const phone = s.user?.id ? (jidDecode(s.user.id)?.user ?? null) : null;
    await status('connected', null, phone);
    await refreshPacing();
    options.onReady();
    await mediaQueue.resume();
  }

  async function onClose(s: WASocketLike, error: unknown) {
    if (s !== sock) return;
    sock = null;
    connected = false;
    if (stopped) return;
    const decision = tracker.onClose(readDisconnect(error));
    log.info({ decision }, 'whatsapp connection closed');
    if (decision.action === 'reconnect') {
      await status(decision.status, decision.reason);
      reconnectTimer = timers.setTimeout(() => void open().catch((e) => log.error({ err: e }, 'reconnect failed')), decision.delayMs);
      return;
    }
    if (decision.clearSession && auth) {
      await auth.clear();
      auth = null;
    }
    if (link) showLink(null);
    pairing?.reject(new DomainError('pairing_failed', decision.reason, 409));
    pairing = null;
    await status(decision.status, decision.reason);
  }

  async function endSocket() {
    const s = sock;
    sock = null;
    connected = false;
    await s?.end(undefined).catch(() => {});
  }

  const adapter: ChannelAdapter = {
    kind: 'baileys',
    isReady: () => connected && sock !== null,
    pacing: () => {
      if (ctx.clock.now().getTime() - pacingRead > 10_000) void refreshPacing().catch(() => {});
      return pacing;
    },
    newExternalId: () => generateMessageIDV2(sock?.user?.id),
    async send(delivery) {
      const s = sock;
      if (!s || !connected) throw new SendError('The WhatsApp number is not connected.', false);
      const jid = customerJid(delivery.contact);
      const content = messageContent(delivery, (path) => options.media.resolve(path));
      try {
        const sent = await s.sendMessage(jid, content, { messageId: delivery.message.external_id ?? undefined });
        return { externalId: sent?.key.id ?? delivery.message.external_id, raw: sent ? serializeForStorage(sent) : undefined };
      } catch (error) {
        throw classifySendError(error);
      }
    },
    async markRead(_contact, externalIds) {
      const raws = await findRawMessages(ctx, channel.id, externalIds);
      if (raws.length && sock && connected) await sock.readMessages(raws.map((raw) => restoreMessage(raw).key));
    },
    async sendTyping(contact) {
      if (sock && connected) await sock.sendPresenceUpdate('composing', customerJid(contact));
    },
  };

  return {
    adapter,
    currentLink: () => link,
    isConnected: () => connected,
    /** Connects (or shows a fresh QR): at start-up, and when an admin asks. */
    async start() {
      stopped = false;
      tracker.reset();
      if (sock && connected) return;
      await endSocket();
      auth ??= await loadWhatsAppAuth(ctx.db, channel.id);
      if (!auth.hasSession()) await status('new', 'Waiting for WhatsApp to show a QR code…');
      await open();
    },
    /** Linking by phone number: resolves with the 8-character code to type on the phone. */
    async requestPairingCode(phone: string): Promise<string> {
      auth ??= await loadWhatsAppAuth(ctx.db, channel.id);
      if (auth.hasSession() && connected) throw conflict('already_linked', 'This number is already linked. Unlink it first.');
      const code = new Promise<string>((resolve, reject) => {
        const request = { phone, resolve, reject };
        pairing = request;
        timers.setTimeout(() => {
          if (pairing === request) pairing = null; // an abandoned request must not fire on a later QR
          reject(new DomainError('pairing_timeout', 'WhatsApp did not answer in time. Try again.', 504));
        }, options.pairingTimeoutMs ?? 30_000);
      });
      if (sock && link?.qr) await onQr(sock, link.qr); // already waiting for a scan: ask right away
      else if (!sock) await this.start();
      return code;
    },
    /** Logs the number out of WhatsApp and forgets the session. */
    async unlink() {
      stopped = true;
      const s = sock;
      sock = null;
      connected = false;
      await s?.logout('Unlinked in Loket').catch((error) => log.warn({ err: error }, 'logout failed; forgetting the session anyway'));
      await s?.end(undefined).catch(() => {});
      auth ??= await loadWhatsAppAuth(ctx.db, channel.id);
      await auth.clear();
      auth = null;
      if (link) showLink(null);
      await status('logged_out', 'Unlinked by an admin. Link it again to scan a new QR code.');
    },
    /** This process lets go of the number (shutdown, or another process took it over). */
    async stop() {
      stopped = true;
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
      await endSocket();
      await mediaQueue.drain();
    },
  };
}

export type WhatsAppConnection = ReturnType<typeof createWhatsAppConnection>;
