import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as assignRoute } from '../../app/api/tickets/[id]/assign/route';
import { GET as eventsRoute } from '../../app/api/tickets/[id]/events/route';
import { POST as releaseRoute } from '../../app/api/tickets/[id]/release/route';
import { GET as myTicketsRoute } from '../../app/api/tickets/my-tickets/route';
import { GET as queueRoute } from '../../app/api/tickets/queue/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import { users } from '../../lib/db/schema';
import { assignTicket } from '../../lib/domain/assignment';
import type { Actor } from '../../lib/domain/context';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import type { TicketEventView, TicketView } from '../../lib/domain/views';
import type { Ack, MessageEventPayload } from '../../lib/realtime/events';
import { insertActors } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody, id } from '../helpers/http';
import type { Client } from '../helpers/sockets';
import { barrier, type Desk, startDesk, ticketNow, type IdParams, people } from '../helpers/time-rules';

type Answer = ErrorBody & { status: string; ticket: TicketView };

describe.each(databaseTargets())('release, transfer and assign on %s', (kind) => {
  let desk: Desk;
  let sari: Actor;
  let budi: Actor;
  let dewi: Actor;
  let gone: Actor;
  const token = {} as Record<'sari' | 'budi' | 'dewi', string>;
  const tab = {} as Record<'sari' | 'budi' | 'dewi', Client>;
  let customer = 500;

  const release = (ticketId: number, who: string) =>
    call<Answer, IdParams>(releaseRoute, `/api/tickets/${ticketId}/release`, { method: 'POST', token: who, params: id(ticketId) });
  const assign = (ticketId: number, who: string, body: unknown) =>
    call<Answer, IdParams>(assignRoute, `/api/tickets/${ticketId}/assign`, { token: who, body, params: id(ticketId) });
  const timeline = async (ticketId: number) =>
    (await call<{ events: TicketEventView[] }, IdParams>(eventsRoute, `/api/tickets/${ticketId}/events`, { token: token.dewi, params: id(ticketId) })).body.events;
  const claimed = async (actor: Actor, n = (customer += 1)) =>
    claimTicket(desk.ctx, { ticketId: (await desk.newTicket('halo', n)).id, actor });
  const updatesOf = async (client: Client, ticketId: number) => {
    await barrier(client);
    return client.all<TicketView>('ticket:updated').filter((t) => t.id === ticketId);
  };

  beforeAll(async () => {
    desk = await startDesk(kind);
    const db = desk.ctx.db;
    [sari, budi, gone] = await people(db, 'agent', ['Sari', 'Budi', 'Gone']);
    [dewi] = await people(db, 'supervisor', ['Dewi']);
    await db.update(users).set({ banned: true }).where(eq(users.id, gone!.id));
    for (const [key, actor] of [['sari', sari], ['budi', budi], ['dewi', dewi]] as const) {
      token[key] = (await createApiToken(db, { userId: actor!.id, name: 't', now: desk.clock.now() })).token;
      tab[key] = await desk.connectAs(actor!);
    }
  });
  afterAll(() => desk?.close());

  it('an agent releases their ticket: it is back in everyone’s queue, recorded and pushed live', async () => {
    const ticket = await claimed(sari);
    const res = await release(ticket.id, token.sari);
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'pending', assigned_agent_id: null });
    const queue = await call<{ tickets: TicketView[] }>(queueRoute, '/api/tickets/queue', { token: token.budi });
    expect(queue.body.tickets.map((t) => t.id)).toContain(ticket.id);
    expect((await timeline(ticket.id)).at(-1)).toMatchObject({ type: 'released', actor_id: sari.id, actor_name: 'Sari', data: { from_agent_id: sari.id } });
    expect((await updatesOf(tab.budi, ticket.id)).at(-1)).toMatchObject({ status: 'pending', assigned_agent_id: null });
    expect((await updatesOf(tab.dewi, ticket.id)).at(-1)).toMatchObject({ status: 'pending' });
  });

  it('only the assignee or a supervisor may release; a waiting ticket cannot be released', async () => {
    const ticket = await claimed(sari);
    expect((await release(ticket.id, token.budi)).status).toBe(403);
    expect((await ticketNow(desk.ctx.db, ticket.id)).assigned_agent_id).toBe(sari.id);
    const bySupervisor = await release(ticket.id, token.dewi);
    expect(bySupervisor.status).toBe(200);
    expect((await timeline(ticket.id)).at(-1)).toMatchObject({ type: 'released', actor_name: 'Dewi' });
    const again = await release(ticket.id, token.sari);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ticket_not_assigned');
    expect((await release(987_654, token.sari)).status).toBe(404);
  });

  it('an agent transfers their ticket to a colleague, who gets it live along with its conversation', async () => {
    const n = (customer += 1);
    const ticket = await claimed(sari, n);
    expect(await tab.sari.socket.emitWithAck('ticket:watch', ticket.id)).toEqual({ ok: true } satisfies Ack);
    const res = await assign(ticket.id, token.sari, { agent_id: budi.id });
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ status: 'assigned', assigned_agent_id: budi.id, assigned_agent_name: 'Budi' });
    expect((await timeline(ticket.id)).at(-1)).toMatchObject({
      type: 'transferred',
      actor_name: 'Sari',
      data: { from_agent_id: sari.id, to_agent_id: budi.id, to_agent_name: 'Budi' },
    });
    expect((await updatesOf(tab.budi, ticket.id)).at(-1)).toMatchObject({ assigned_agent_id: budi.id });
    expect((await updatesOf(tab.sari, ticket.id)).at(-1)).toMatchObject({ assigned_agent_id: budi.id });
    const mine = async (who: string) =>
      (await call<{ tickets: TicketView[] }>(myTicketsRoute, '/api/tickets/my-tickets', { token: who })).body.tickets.map((t) => t.id);
    expect(await mine(token.budi)).toContain(ticket.id);
    expect(await mine(token.sari)).not.toContain(ticket.id);

    // The conversation now reaches Budi, and no longer Sari.
    const next = await desk.newTicket('masih ada pertanyaan', n);
    expect(next.id).toBe(ticket.id);
    await tab.budi.waitFor<MessageEventPayload>('message:created', (m) => m.ticket_id === ticket.id && m.message.text === 'masih ada pertanyaan');
    await barrier(tab.sari);
    expect(tab.sari.all<MessageEventPayload>('message:created').filter((m) => m.message.text === 'masih ada pertanyaan')).toEqual([]);
  });

  it('an agent cannot hand out a ticket that is not theirs (403), waiting or held by someone else', async () => {
    const held = await claimed(sari);
    expect((await assign(held.id, token.budi, { agent_id: budi.id })).status).toBe(403);
    const waiting = await desk.newTicket('halo', (customer += 1));
    expect((await assign(waiting.id, token.budi, { agent_id: sari.id })).status).toBe(403);
    expect((await ticketNow(desk.ctx.db, held.id)).assigned_agent_id).toBe(sari.id);
    expect((await ticketNow(desk.ctx.db, waiting.id)).status).toBe('pending');
  });

  it('a supervisor assigns a waiting ticket and moves a held one; both recorded with the supervisor', async () => {
    const waiting = await desk.newTicket('halo', (customer += 1));
    const first = await assign(waiting.id, token.dewi, { agent_id: sari.id });
    expect(first.status).toBe(200);
    expect(first.body.ticket).toMatchObject({ status: 'assigned', assigned_agent_id: sari.id });
    const moved = await assign(waiting.id, token.dewi, { agent_id: budi.id });
    expect(moved.body.ticket.assigned_agent_id).toBe(budi.id);
    const log = (await timeline(waiting.id)).filter((e) => e.type === 'assigned' || e.type === 'transferred');
    expect(log.map((e) => [e.type, e.actor_name, e.data.to_agent_name])).toEqual([
      ['assigned', 'Dewi', 'Sari'],
      ['transferred', 'Dewi', 'Budi'],
    ]);
    expect((await updatesOf(tab.sari, waiting.id)).map((t) => t.assigned_agent_id)).toEqual([sari.id, budi.id]);
  });

  it('a transfer racing a supervisor’s move never takes the ticket from someone who no longer holds it', async () => {
    const rounds = kind === 'postgres' ? 15 : 4;
    const [cici] = await insertActors(desk.ctx.db, 'agent', ['Cici']);
    for (let round = 0; round < rounds; round++) {
      const ticket = await claimed(sari);
      await Promise.allSettled([
        assignTicket(desk.ctx, { ticketId: ticket.id, actor: sari, toAgentId: budi.id }),
        assignTicket(desk.ctx, { ticketId: ticket.id, actor: dewi, toAgentId: cici!.id }),
      ]);
      // Each hand-over starts from whoever held the ticket just before: the chain is unbroken.
      const hands = (await timeline(ticket.id)).filter((e) => e.type === 'transferred');
      let holder: number | null = sari.id;
      for (const hand of hands) {
        expect(hand.data.from_agent_id).toBe(holder);
        if (hand.actor_id !== dewi.id) expect(hand.actor_id).toBe(holder);
        holder = hand.data.to_agent_id as number;
      }
      expect((await ticketNow(desk.ctx.db, ticket.id)).assigned_agent_id).toBe(holder);
    }
  });

  it('refuses assignments that cannot be', async () => {
    const ticket = await claimed(sari);
    const cases: [unknown, number, string][] = [
      [{ agent_id: 987_654 }, 404, 'not_found'],
      [{ agent_id: gone.id }, 400, 'invalid_request'],
      [{ agent_id: sari.id }, 400, 'invalid_request'],
      [{ agent_id: 'budi' }, 400, 'invalid_request'],
      [{}, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const res = await assign(ticket.id, token.dewi, body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
    }
    expect((await ticketNow(desk.ctx.db, ticket.id)).assigned_agent_id).toBe(sari.id);
    await resolveTicket(desk.ctx, { ticketId: ticket.id, actor: sari });
    const closed = await assign(ticket.id, token.dewi, { agent_id: budi.id });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ticket_resolved');
    expect((await assign(ticket.id, '', { agent_id: budi.id })).status).toBe(401);
  });
});
