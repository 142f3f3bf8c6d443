import type { WAVersion } from '@whiskeysockets/baileys';
import type { DatabaseHandle, HeldLock } from '../../../lib/db/client';
import { getChannel, listChannels, setChannelStatus } from '../../../lib/domain/channels';
import type { DomainContext } from '../../../lib/domain/context';
import { conflict } from '../../../lib/domain/errors';
import type { Logger } from '../../../lib/logger';
import type { MediaStore } from '../../../lib/media/media-store';
import type { WhatsAppControl } from '../../../lib/runtime';
import type { Timers } from '../../socket/coalesce';
import type { ChannelRegistry } from '../registry';
import type { WhatsAppConnection } from './connection';
import type { ReconnectPolicyOptions } from './reconnect-policy';
import type { SocketFactory } from './socket';

export interface WhatsAppManagerOptions {
  ctx: DomainContext;
  database: Pick<DatabaseHandle, 'tryHoldLock'>;
  registry: ChannelRegistry;
  media: MediaStore;
  /** Baileys' makeWASocket unless given (tests and the end-to-end fake). */
  makeSocket?: SocketFactory;
  /** The WhatsApp Web version to claim (resolved once, lazily: it may ask the network). */
  version: () => Promise<WAVersion>;
  timers: Timers;
  logger: Logger;
  /** A number connected: send what its outbox holds. */
  onReady: (channelId: number) => void;
  /** How often numbers owned by no process (one died) are looked for. */
  takeoverMs?: number;
  reconnect?: ReconnectPolicyOptions;
}

// Advisory lock keys: "WA" + channel id, well away from the migration lock.
const lockKey = (channelId: number) => 0x57_41_00_00 + channelId;

/** Statuses that mean "this number should be running", after a restart or a takeover. */
const RUNNING = new Set(['connected', 'connecting', 'disconnected']);

// Baileys and what is built on it (62 MiB of RSS in a bare Node process; bench/RESULTS.md, ninth
// session) load with the first WhatsApp number, not at start-up: a gateway-only desk never needs them.
const loadConnections = () => import('./connection');
const loadAuthStore = () => import('../../../lib/whatsapp/auth-store');

/**
 * Every linked WhatsApp number served by this process. A number is owned by exactly one
 * process at a time (an advisory lock on PostgreSQL; PGlite is one process anyway), so two
 * servers never open one WhatsApp session; when the owner dies another takes over.
 */
export function createWhatsAppManager(options: WhatsAppManagerOptions) {
  const { ctx, timers } = options;
  const owned = new Map<number, { connection: WhatsAppConnection; lock: HeldLock }>();
  let takeoverTimer: unknown = null;
  let closed = false;

  async function own(channelId: number): Promise<WhatsAppConnection | null> {
    const existing = owned.get(channelId);
    if (existing) return existing.connection;
    const lock = await options.database.tryHoldLock(lockKey(channelId));
    if (!lock) return null;
    const channel = await getChannel(ctx.db, channelId);
    const { createWhatsAppConnection } = await loadConnections();
    const connection = createWhatsAppConnection({
      ctx,
      channel,
      media: options.media,
      makeSocket: options.makeSocket,
      version: options.version,
      timers,
      logger: options.logger,
      reconnect: options.reconnect,
      onReady: () => options.onReady(channelId),
    });
    owned.set(channelId, { connection, lock });
    options.registry.register(channelId, connection.adapter);
    void lock.lost.then(() => {
      options.logger.warn({ channelId }, 'lost the lock on a WhatsApp number; letting go of it');
      void release(channelId);
    });
    return connection;
  }

  async function release(channelId: number) {
    const entry = owned.get(channelId);
    if (!entry) return;
    owned.delete(channelId);
    options.registry.unregister(channelId);
    await entry.connection.stop();
    await entry.lock.release();
  }

  async function ownOrRefuse(channelId: number) {
    const connection = await own(channelId);
    if (!connection) throw conflict('channel_owned_elsewhere', 'Another Loket server process is running this number.');
    return connection;
  }

  /** Numbers that should run and that nobody runs: start them here. */
  async function adoptOrphans() {
    for (const channel of await listChannels(ctx.db)) {
      if (closed || channel.kind !== 'baileys' || owned.has(channel.id)) continue;
      const { loadWhatsAppAuth } = await loadAuthStore();
      const auth = await loadWhatsAppAuth(ctx.db, channel.id);
      if (!auth.hasSession()) {
        // A QR nobody scanned before the restart: say so instead of showing a dead one.
        if (channel.status === 'qr' || channel.status === 'pairing' || channel.status === 'connecting') {
          await setChannelStatus(ctx, channel.id, { status: 'new', reason: 'Not linked yet: click Link to show a QR code.' });
        }
        continue;
      }
      if (!RUNNING.has(channel.status)) continue;
      const connection = await own(channel.id);
      if (connection) await connection.start();
    }
  }

  function scheduleTakeover() {
    const every = options.takeoverMs ?? 15_000;
    if (closed || every <= 0) return;
    takeoverTimer = timers.setTimeout(() => {
      void adoptOrphans()
        .catch((error) => options.logger.error({ err: error }, 'whatsapp takeover check failed'))
        .finally(scheduleTakeover);
    }, every);
  }

  const control: WhatsAppControl = {
    async start(channelId) {
      await (await ownOrRefuse(channelId)).start();
    },
    async requestPairingCode(channelId, phone) {
      return (await ownOrRefuse(channelId)).requestPairingCode(phone);
    },
    async unlink(channelId) {
      await (await ownOrRefuse(channelId)).unlink();
      await release(channelId);
    },
    currentLink: (channelId) => owned.get(channelId)?.connection.currentLink() ?? null,
  };

  return {
    control,
    /** Reconnects every linked number at start-up, then keeps watching for orphans. */
    async start() {
      await adoptOrphans();
      scheduleTakeover();
    },
    connection: (channelId: number) => owned.get(channelId)?.connection ?? null,
    async stop() {
      closed = true;
      if (takeoverTimer !== null) timers.clearTimeout(takeoverTimer);
      await Promise.all([...owned.keys()].map(release));
    },
  };
}

export type WhatsAppManager = ReturnType<typeof createWhatsAppManager>;
