// A Loket app server whose WhatsApp numbers talk to the test double of WhatsApp's side
// (server/channels/baileys/test-socket.ts), with a manual clock and timers that only fire
// when the test advances them. Everything between (connection, inbound, outbox) is real.
import { randomBytes } from 'node:crypto';
import { proto, type UserFacingSocketConfig, type WAMessage, type WAMessageKey } from '@whiskeysockets/baileys';
import { and, count, eq } from 'drizzle-orm';
import { manualClock } from '../../lib/clock';
import type { DatabaseKind } from '../../lib/db/client';
import { contacts, messages, waAuth } from '../../lib/db/schema';
import { createWhatsAppChannel, getChannel } from '../../lib/domain/channels';
import type { ChannelStatus, ChannelView } from '../../lib/domain/views';
import type { DomainEvent } from '../../lib/realtime/bus';
import { startAppServer } from '../../server/app-server';
import type { SocketFactory } from '../../server/channels/baileys/socket';
import { createTestSocketFactory, type TestSocket } from '../../server/channels/baileys/test-socket';
import { BASE_URL } from './http';
import { createTestPlace, silentLogger, testConfig, type TestPlace } from './runtime';
import { createManualTimers } from './timers';

/** Waits (by yielding to the event loop, never by sleeping) until `check` gives a value; fails after 5 s. */
export async function eventually<T>(check: () => T | Promise<T>, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let idCounter = 0;
/** A WhatsApp-looking message id, unique in the run. */
export const waId = () => `3EB0${randomBytes(6).toString('hex').toUpperCase()}${(idCounter += 1)}`;

let phoneCounter = 0;
/** A fresh customer phone number (digits) per call. */
export const nextPhone = () => `62812${process.pid % 1000}${String((phoneCounter += 1)).padStart(5, '0')}`;

let lidCounter = 0;
/** A fresh privacy id (LID) JID per call. */
export const nextLid = () => `7${String(process.pid % 10_000).padStart(4, '0')}${String((lidCounter += 1)).padStart(9, '0')}@lid`;

/** A message as Baileys' decodeMessageNode produces it: plain key, numeric time, proto content. */
export function liveMessage(options: {
  id?: string;
  from: string;
  alt?: string;
  fromMe?: boolean;
  content: Record<string, unknown>;
  pushName?: string;
}): WAMessage {
  const key: WAMessageKey = { remoteJid: options.from, fromMe: options.fromMe ?? false, id: options.id ?? waId() };
  if (options.alt) key.remoteJidAlt = options.alt;
  return {
    key,
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: options.pushName,
    broadcast: false,
    message: proto.Message.fromObject(options.content),
  };
}

export const text = (from: string, body: string, extra: { id?: string; alt?: string; fromMe?: boolean; pushName?: string } = {}) =>
  liveMessage({ ...extra, from, content: { conversation: body } });

/** A Boom-like close error, as Baileys puts in lastDisconnect. */
export const closeError = (statusCode: number, message = 'Connection Closed') =>
  Object.assign(new Error(message), { output: { statusCode } });

export interface WaServerOptions {
  /** Reuse a data place (a restart); otherwise a fresh one is made. */
  place?: TestPlace;
  /** Keep the place on close (for a restart on the same database). */
  keepPlace?: boolean;
  takeoverMs?: number;
  /** The time rules' periodic sweep; 0 turns it off (its timer, re-armed after each sweep's queries, lands among the code's own). */
  sweepIntervalMs?: number;
}

export async function startWaServer(kind: DatabaseKind, options: WaServerOptions = {}) {
  // Never ask web.whatsapp.com for the version (no network here).
  process.env.LOKET_WA_VERSION ??= '2,3000,1043857760';
  const place = options.place ?? (await createTestPlace(kind));
  const clock = manualClock();
  const time = createManualTimers(clock);
  const test = createTestSocketFactory();
  /** The config each socket was made with, by socket: getMessage, auth. */
  const configs = new Map<TestSocket, UserFacingSocketConfig>();
  const factory: SocketFactory = (config, channelId) => {
    const socket = test.factory(config, channelId);
    configs.set(test.sockets.at(-1)!, config);
    return socket;
  };
  const server = await startAppServer({
    config: testConfig(place, { PORT: '0', HOST: '127.0.0.1' }),
    logger: silentLogger,
    clock,
    baseURL: BASE_URL,
    handler: (_req, res) => void res.writeHead(404).end(),
    makeSocket: factory,
    timers: time.timers,
    outboxPollMs: 0,
    whatsappTakeoverMs: options.takeoverMs ?? 0,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  const { runtime } = server;
  const { ctx } = runtime;
  const events: DomainEvent[] = [];
  const waiters: { test: (e: DomainEvent) => boolean; resolve: (e: DomainEvent) => void }[] = [];
  ctx.bus.subscribe((event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (!w.test(event)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  });

  const mark = () => events.length;
  /** The first event since `from` (default: from now on) that passes `match`; fails after 5 s. */
  function waitFor(match: (e: DomainEvent) => boolean, from = events.length): Promise<DomainEvent> {
    const seen = events.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error('the expected domain event never came')), 5_000);
      waiters.push({ test: match, resolve: (e) => (clearTimeout(guard), resolve(e)) });
    });
  }
  /** The channel as announced when it reached `status` (since `from`). */
  const waitStatus = async (channelId: number, status: ChannelStatus, from = events.length): Promise<ChannelView> => {
    const event = await waitFor((e) => e.type === 'channel.updated' && e.channel.id === channelId && e.channel.status === status, from);
    return (event as Extract<DomainEvent, { type: 'channel.updated' }>).channel;
  };
  const waitMessage = (externalId: string, from = 0, type: 'message.created' | 'message.updated' = 'message.created') =>
    waitFor((e) => e.type === type && e.message.external_id === externalId, from);

  /** Waits until the code sets a timer (after `since`, an index into time.scheduled), then fires it. */
  async function fireNextTimer(since: number) {
    const timer = await eventually(() => time.scheduled.slice(since).find((t) => time.isPending(t.id)), 'a timer to be set');
    time.advance(timer.ms);
    return timer;
  }

  const sockets = (channelId: number) => test.sockets.filter((s) => s.channelId === channelId);
  const latest = (channelId: number) => test.latest(channelId)!;

  /** Adds a number and waits for its first QR. */
  async function addNumber(name: string) {
    const channel = await createWhatsAppChannel(ctx, { name });
    const from = mark();
    await runtime.whatsapp!.start(channel.id);
    await waitFor((e) => e.type === 'channel.link' && e.channelId === channel.id && e.qr !== null, from);
    await waitStatus(channel.id, 'qr', from);
    return channel.id;
  }

  /** The phone scans the QR: creds, 515, the immediate reconnect, `connected`. */
  async function scan(channelId: number, phone: string) {
    const from = mark();
    const since = time.scheduled.length;
    latest(channelId).link(phone);
    await fireNextTimer(since);
    await waitStatus(channelId, 'connected', from);
    return latest(channelId);
  }

  return {
    server,
    runtime,
    ctx,
    db: ctx.db,
    place,
    clock,
    time,
    test,
    configs,
    events,
    mark,
    waitFor,
    waitStatus,
    waitMessage,
    fireNextTimer,
    sockets,
    latest,
    addNumber,
    scan,
    /** A number linked and connected, ready to receive and send. */
    async linkNumber(name: string, phone = nextPhone()) {
      const channelId = await addNumber(name);
      return { channelId, phone, sock: await scan(channelId, phone) };
    },
    /** A customer's text arrives (notify) on the number; resolves with the stored message once ingested. */
    async customerWrites(channelId: number, options: { jid?: string; alt?: string; body?: string } = {}) {
      const jid = options.jid ?? `${nextPhone()}@s.whatsapp.net`;
      const message = text(jid, options.body ?? 'halo, saya butuh bantuan', { alt: options.alt, pushName: 'Rina' });
      const from = mark();
      latest(channelId).receive([message]);
      const event = (await waitMessage(message.key.id!, from)) as Extract<DomainEvent, { type: 'message.created' }>;
      return { jid, message, stored: event.message, ticketId: event.message.ticket_id! };
    },
    channel: (channelId: number) => getChannel(ctx.db, channelId),
    /** The number's socket is open and its status says so (for starts whose first events came before we listened). */
    waitConnected: (channelId: number) =>
      eventually(
        async () =>
          server.channels.whatsapp.connection(channelId)?.isConnected() && (await getChannel(ctx.db, channelId)).status === 'connected',
        `channel ${channelId} to be connected`,
      ),
    async authRows(channelId: number) {
      const [row] = await ctx.db.select({ n: count() }).from(waAuth).where(eq(waAuth.channelId, channelId));
      return row?.n ?? 0;
    },
    async message(channelId: number, externalId: string) {
      return ctx.db.select().from(messages).where(and(eq(messages.channelId, channelId), eq(messages.externalId, externalId)));
    },
    async contactsOf(channelId: number) {
      return ctx.db.select().from(contacts).where(eq(contacts.channelId, channelId));
    },
    async close() {
      await server.close();
      if (!options.keepPlace) await place.cleanup();
    },
  };
}

export type WaServer = Awaited<ReturnType<typeof startWaServer>>;
export type { TestSocket };
