import { asc, eq } from 'drizzle-orm';
import { vi } from 'vitest';
import type { z } from 'zod';
import { createApiToken } from '../../lib/auth/api-tokens';
import { manualClock } from '../../lib/clock';
import type { Database } from '../../lib/db/client';
import { ticketEvents, tickets, users } from '../../lib/db/schema';
import type { Actor, DomainContext } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { getSettings, type SettingGroup, updateSettings } from '../../lib/domain/settings';
import { getTicketView } from '../../lib/domain/ticket-views';
import type { Role, TicketView } from '../../lib/domain/views';
import { type DatabaseKind, openDatabase } from '../../lib/db/client';
import { migrateDatabase } from '../../lib/db/migrate';
import { startSweepers } from '../../server/sweepers';
import { createTestContext, insertActors, type TestContext } from './context';
import { createTestDatabase, createThrowawayPostgres } from './database';
import { inbound } from './fixtures';
import { type Client, closeAndWait, connect, startTestServer, type TestServer } from './sockets';
import { createManualTimers } from './timers';

/** Route params of `/api/…/{id}/…` handlers, for `call<T, IdParams>`. */
export type IdParams = { id: string };

/** Monday 5 January 2026, 08:00 UTC (15:00 in Jakarta). */
export const MONDAY = new Date('2026-01-05T08:00:00Z');

/** Changes some settings of a group, keeping the rest as they are. */
export async function configure<T extends z.ZodRawShape>(db: Database, group: SettingGroup<T>, patch: Partial<z.infer<z.ZodObject<T>>>) {
  const current = await getSettings(db, group);
  return updateSettings(db, group, { ...current, ...patch }, new Date());
}

/** A ticket's timeline, oldest first: what the supervisor reads. */
export async function timeline(db: Database, ticketId: number) {
  const rows = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
  return rows.map((r) => ({ type: r.type, actorId: r.actorId, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** The timeline entries of one type. */
export async function eventsOf(db: Database, ticketId: number, type: string) {
  return (await timeline(db, ticketId)).filter((e) => e.type === type);
}

export async function ticketNow(db: Database, ticketId: number): Promise<TicketView> {
  const ticket = await getTicketView(db, ticketId);
  if (!ticket) throw new Error(`ticket ${ticketId} is gone`);
  return ticket;
}

export async function setCapacity(db: Database, userId: number, capacity: number | null) {
  await db.update(users).set({ capacity }).where(eq(users.id, userId));
}

export async function presenceOf(db: Database, userId: number) {
  const [row] = await db.select({ presence: users.presence, lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, userId));
  if (!row) throw new Error(`user ${userId} is gone`);
  return row;
}

/** Tickets held by an agent right now. */
export async function heldBy(db: Database, agentId: number) {
  const rows = await db.select({ id: tickets.id, status: tickets.status }).from(tickets).where(eq(tickets.assignedAgentId, agentId));
  return rows.filter((r) => r.status === 'assigned').map((r) => r.id);
}

let customerNumber = 7_000;

/** A new customer writes: a new ticket (or the given customer number's open one). */
export async function customerWrites(ctx: DomainContext, channel: Parameters<typeof inbound>[0], text: string, n?: number) {
  return ingestInboundMessage(ctx, inbound(channel, n ?? (customerNumber += 1), { text }));
}

/**
 * Everything the server pushed to this client before now has arrived: the ack of a request sent
 * after those emits travels the same connection behind them.
 */
export async function barrier(client: Client) {
  await client.socket.emitWithAck('ticket:watch', 2_000_000_000);
}

export interface Desk {
  app: TestServer;
  ctx: DomainContext;
  clock: ReturnType<typeof manualClock>;
  /** Moves the clock and fires the server's timers (presence heartbeat, auto-assign, outbox) on the way. */
  advance(ms: number): void;
  /** One run of the time rules, as the server's loop does it. */
  sweep(): Promise<void>;
  /** A socket (one browser tab) of this person; resolves once the hub has recorded them as present. */
  connectAs(actor: Actor): Promise<Client>;
  /** Closes a tab; resolves once the server has handled it (and noted when the last tab closed). */
  closeTab(actor: Actor, client: Client): Promise<void>;
  newTicket(text?: string, n?: number): Promise<TicketView>;
  close(): Promise<void>;
}

/** The app server on a manual clock and manual timers, its periodic sweep off: tests run the time rules. */
export async function startDesk(kind: DatabaseKind, start: Date = MONDAY): Promise<Desk> {
  const clock = manualClock(start);
  const manual = createManualTimers(clock);
  const app = await startTestServer(kind, {}, { clock, timers: manual.timers, sweepIntervalMs: 0, heartbeatMs: 20_000 });
  const ctx = app.server.runtime.ctx;
  const clients: Client[] = [];
  const tokens = new Map<number, string>();
  return {
    app,
    ctx,
    clock,
    advance: (ms) => manual.advance(ms),
    sweep: () => app.server.sweepers.sweep(),
    async connectAs(actor) {
      let token = tokens.get(actor.id);
      if (!token) {
        token = (await createApiToken(ctx.db, { userId: actor.id, name: 'tab', now: clock.now() })).token;
        tokens.set(actor.id, token);
      }
      const another = app.server.hub.presence.isOnline(actor.id);
      const client = await connect(app.url, { token });
      clients.push(client);
      // A further tab changes nothing: the first one already made them present.
      if (another) return client;
      const at = clock.now().getTime();
      await vi.waitFor(async () => {
        const row = await presenceOf(ctx.db, actor.id);
        if (row.presence === 'offline' || (row.lastSeenAt?.getTime() ?? 0) < at) throw new Error('not recorded yet');
      });
      return client;
    },
    async closeTab(actor, client) {
      await closeAndWait(app, client);
      if (app.server.hub.presence.isOnline(actor.id)) return;
      const at = clock.now().getTime();
      await vi.waitFor(async () => {
        if (((await presenceOf(ctx.db, actor.id)).lastSeenAt?.getTime() ?? 0) < at) throw new Error('not recorded yet');
      });
    },
    async newTicket(text = 'halo, saya butuh bantuan', n) {
      return (await customerWrites(ctx, app.server.runtime.channels.gateway, text, n)).ticket;
    },
    async close() {
      for (const client of clients) client.close();
      await app.close();
    },
  };
}

export interface Process {
  t: TestContext;
  sweepers: ReturnType<typeof startSweepers>;
}

/**
 * Two server processes' worth of time rules on one database, sharing one clock: on PostgreSQL
 * each with its own connection pool (as two processes would), on PGlite two loops on one handle.
 */
export async function startTwoProcesses(kind: DatabaseKind, connectedHere: () => number[] = () => []) {
  const clock = manualClock(MONDAY);
  let handles: { db: Database; close(): Promise<void> }[];
  let drop = async () => {};
  if (kind === 'pglite') {
    const database = await createTestDatabase('pglite');
    handles = [database, { db: database.db, close: async () => {} }];
  } else {
    const pg = await createThrowawayPostgres();
    handles = [await openDatabase({ url: pg.url, maxConnections: 10 }), await openDatabase({ url: pg.url, maxConnections: 10 })];
    await migrateDatabase(handles[0] as Awaited<ReturnType<typeof openDatabase>>);
    drop = () => pg.drop();
  }
  const processes: Process[] = handles.map(({ db }) => {
    const t = createTestContext(db, clock);
    // Timers that never fire: these tests run the sweeps themselves.
    const timers = { setTimeout: () => 0, clearTimeout: () => {} };
    return { t, sweepers: startSweepers({ ctx: t.ctx, timers, intervalMs: 0, connectedHere }) };
  });
  return {
    clock,
    processes,
    db: handles[0]!.db,
    /** Every process sweeps at the same moment, `times` rounds. */
    async sweepTogether(times = 3) {
      for (let i = 0; i < times; i++) await Promise.all(processes.map((p) => p.sweepers.sweep()));
    },
    /** What all processes announced, together. */
    events: () => processes.flatMap((p) => p.t.events),
    async close() {
      for (const p of processes) p.sweepers.stop();
      for (const handle of handles.reverse()) await handle.close();
      await drop();
    },
  };
}

/** People of one role, as a tuple the size of `names` (no password: they act through tokens and the domain). */
export async function people<const N extends readonly string[]>(db: Database, role: Role, names: N): Promise<{ [K in keyof N]: Actor }> {
  return (await insertActors(db, role, [...names])) as { [K in keyof N]: Actor };
}
