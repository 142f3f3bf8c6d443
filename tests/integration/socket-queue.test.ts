import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { Actor } from '../../lib/domain/context';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { countOpenTickets, countPresence } from '../../lib/domain/queue-counts';
import { claimTicket, listQueue } from '../../lib/domain/tickets';
import type { QueueCounts, TicketView } from '../../lib/domain/views';
import type { Ack, HelloPayload, MessageEventPayload } from '../../lib/realtime/events';
import { createActor } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { type Client, connect, startTestServer, type TestServer } from '../helpers/sockets';

describe.each(databaseTargets())('Socket.IO hub on %s: the live queue', (kind) => {
  let app: TestServer;
  let sari: Actor;
  let budi: Actor;
  let dewi: Actor;
  const clients: Record<'sari' | 'budi' | 'dewi', Client> = {} as never;
  let n = 600;

  const ctx = () => app.server.runtime.ctx;
  const newTicket = async () => (await ingestInboundMessage(ctx(), inbound(app.server.runtime.channels.gateway, (n += 1)))).ticket;
  const watch = (client: Client, ticketId: number) => client.socket.emitWithAck('ticket:watch', ticketId) as Promise<Ack>;

  beforeAll(async () => {
    app = await startTestServer(kind);
    const { db, clock } = ctx();
    [sari, budi, dewi] = await Promise.all([
      createActor(db, 'agent', 'Sari'),
      createActor(db, 'agent', 'Budi'),
      createActor(db, 'supervisor', 'Dewi'),
    ]);
    for (const [key, actor] of [['sari', sari], ['budi', budi], ['dewi', dewi]] as const) {
      const { token } = await createApiToken(db, { userId: actor.id, name: 'socket', now: clock.now() });
      clients[key] = await connect(app.url, { token });
    }
  });
  afterAll(async () => {
    for (const client of Object.values(clients)) client?.close();
    await app?.close();
  });

  it('refuses a socket without credentials or with a bad token', async () => {
    await expect(connect(app.url)).rejects.toThrow('unauthorized');
    await expect(connect(app.url, { token: 'lkt_not-a-real-token-at-all-000000000000000000' })).rejects.toThrow('unauthorized');
    await expect(connect(app.url, { cookie: 'loket.session_token=forged' })).rejects.toThrow('unauthorized');
  });

  it('greets each socket with session:hello carrying its user', async () => {
    const hello = await clients.sari.waitFor<HelloPayload>('session:hello');
    expect(hello).toMatchObject({ user: { id: sari.id, name: 'Sari', email: sari.email, role: 'agent' }, recovered: false, simulator: true });
    expect(typeof hello.seq).toBe('number');
    expect((await clients.dewi.waitFor<HelloPayload>('session:hello')).user.role).toBe('supervisor');
  });

  it('agents see a new ticket appear (same shape as the queue) and see it taken when another agent claims it', async () => {
    const ticket = await newTicket();
    const pushed = await clients.sari.waitFor<TicketView>('ticket:created', (x) => x.id === ticket.id);
    const [queued] = (await listQueue(ctx().db, { limit: 200 })).filter((x) => x.id === ticket.id);
    expect(pushed).toEqual(queued);
    expect(await clients.budi.waitFor<TicketView>('ticket:created', (x) => x.id === ticket.id)).toEqual(queued);

    await claimTicket(ctx(), { ticketId: ticket.id, actor: budi });
    const taken = await clients.sari.waitFor<TicketView>('ticket:updated', (x) => x.id === ticket.id);
    expect(taken).toMatchObject({ status: 'assigned', assigned_agent_id: budi.id, assigned_agent_name: 'Budi' });
  });

  it('an agent may watch a waiting ticket or their own, not one assigned to someone else', async () => {
    const ticket = await newTicket();
    expect(await watch(clients.sari, ticket.id)).toEqual({ ok: true });
    await claimTicket(ctx(), { ticketId: ticket.id, actor: budi });
    const refused = await watch(clients.sari, ticket.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await watch(clients.budi, ticket.id)).toEqual({ ok: true });
    expect(await watch(clients.dewi, ticket.id)).toEqual({ ok: true });
    expect(await watch(clients.sari, 987_654)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await clients.sari.socket.emitWithAck('ticket:watch', 'abc' as unknown as number)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('the assignee gets message:created for their ticket; other agents do not', async () => {
    const ticket = await newTicket();
    await claimTicket(ctx(), { ticketId: ticket.id, actor: budi });
    const { message } = await ingestInboundMessage(ctx(), inbound(app.server.runtime.channels.gateway, n, { text: 'masih menunggu' }));
    const got = await clients.budi.waitFor<MessageEventPayload>('message:created', (p) => p.message.id === message.id);
    expect(got).toMatchObject({ ticket_id: ticket.id, message: { id: message.id, sender: 'customer', text: 'masih menunggu' } });
    expect((await clients.budi.waitFor<TicketView>('ticket:updated', (x) => x.id === ticket.id && x.unread_count === 2)).status).toBe(
      'assigned',
    );

    // Barrier: events reach a socket in order, so once Sari sees this later ticket, the message would have arrived before it.
    const later = await newTicket();
    await clients.sari.waitFor<TicketView>('ticket:created', (x) => x.id === later.id);
    expect(clients.sari.all<MessageEventPayload>('message:created').filter((p) => p.ticket_id === ticket.id)).toEqual([]);
  });

  it('an agent who opened a waiting ticket stops receiving its conversation once another agent claims it', async () => {
    const ticket = await newTicket();
    expect(await watch(clients.sari, ticket.id)).toEqual({ ok: true });
    expect(await watch(clients.dewi, ticket.id)).toEqual({ ok: true });
    await claimTicket(ctx(), { ticketId: ticket.id, actor: budi });
    await clients.sari.waitFor<TicketView>('ticket:updated', (x) => x.id === ticket.id && x.status === 'assigned');
    const { message } = await ingestInboundMessage(ctx(), inbound(app.server.runtime.channels.gateway, n, { text: 'nomor rekening saya 1234' }));
    await clients.budi.waitFor<MessageEventPayload>('message:created', (p) => p.message.id === message.id);
    // The supervisor watching it keeps following the conversation.
    await clients.dewi.waitFor<MessageEventPayload>('message:created', (p) => p.message.id === message.id);

    const later = await newTicket();
    await clients.sari.waitFor<TicketView>('ticket:created', (x) => x.id === later.id);
    expect(clients.sari.all<MessageEventPayload>('message:created').filter((p) => p.ticket_id === ticket.id)).toEqual([]);
    expect(clients.sari.all<TicketView>('ticket:updated').filter((x) => x.id === ticket.id && x.unread_count > 1)).toEqual([]);
  });

  it('supervisors, not agents, get queue:counts that match the database, after a new ticket and after a claim', async () => {
    const ticket = await newTicket();
    let expected = await countOpenTickets(ctx().db);
    const afterCreate = await clients.dewi.waitFor<QueueCounts>(
      'queue:counts',
      (c) => c.pending.total === expected.pending.total && c.assigned === expected.assigned,
    );
    // Presence comes from the users table (every process writes it), where each tab's user is online.
    expect(afterCreate).toEqual({ ...expected, ...(await countPresence(ctx().db)) });
    expect(afterCreate).toMatchObject({ agents_online: 2, agents_away: 0, staff_online: 3 });

    await claimTicket(ctx(), { ticketId: ticket.id, actor: sari });
    expected = await countOpenTickets(ctx().db);
    const afterClaim = await clients.dewi.waitFor<QueueCounts>(
      'queue:counts',
      (c) => c.pending.total === expected.pending.total && c.assigned === expected.assigned,
    );
    expect(afterClaim.pending.total).toBe(afterCreate.pending.total - 1);
    expect(afterClaim.assigned).toBe(afterCreate.assigned + 1);

    const later = await newTicket();
    await clients.sari.waitFor<TicketView>('ticket:created', (x) => x.id === later.id);
    await clients.budi.waitFor<TicketView>('ticket:created', (x) => x.id === later.id);
    expect(clients.sari.all('queue:counts')).toEqual([]);
    expect(clients.budi.all('queue:counts')).toEqual([]);
  });

  it('every pushed event carries a sequence number that only goes up', async () => {
    for (const client of Object.values(clients)) {
      const seqs = client.seqs();
      expect(seqs.length).toBeGreaterThan(3);
      expect(seqs.every((s) => Number.isInteger(s) && s > 0)).toBe(true);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
    }
  });
});
