import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as assignRoute } from '../../app/api/tickets/[id]/assign/route';
import { POST as claimRoute } from '../../app/api/tickets/[id]/claim/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import { assignTicket, releaseTicket } from '../../lib/domain/assignment';
import type { Actor } from '../../lib/domain/context';
import { type DomainError } from '../../lib/domain/errors';
import { claimTicket } from '../../lib/domain/tickets';
import type { TicketView } from '../../lib/domain/views';
import { insertActors } from '../helpers/context';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody, id } from '../helpers/http';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { customerWrites, heldBy, setCapacity, ticketNow, type IdParams, people } from '../helpers/time-rules';

describe.each(databaseTargets())('agent capacity on %s', (kind) => {
  let app: TestRuntime;
  let agents: Actor[];
  let dewi: Actor;
  const tokens = new Map<number, string>();

  const ctx = () => app.runtime.ctx;
  const newTickets = async (count: number) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await customerWrites(ctx(), app.runtime.channels.gateway, 'halo')).ticket.id);
    return ids;
  };
  const tokenOf = async (actor: Actor) => {
    if (!tokens.has(actor.id)) tokens.set(actor.id, (await createApiToken(ctx().db, { userId: actor.id, name: 't', now: new Date() })).token);
    return tokens.get(actor.id)!;
  };
  const refusals = (results: PromiseSettledResult<unknown>[]) =>
    results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DomainError);

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    agents = await insertActors(ctx().db, 'agent', Array.from({ length: 8 }, (_, i) => `Agent ${i}`));
    [dewi] = await people(ctx().db, 'supervisor', ['Dewi']);
  });
  afterAll(() => app?.close());

  it('a claim past the limit is refused with a clear 409, and the ticket stays in the queue', async () => {
    const sari = agents[0]!;
    await setCapacity(ctx().db, sari.id, 2);
    const [a, b, c] = await newTickets(3);
    for (const ticketId of [a!, b!]) {
      expect((await call(claimRoute, `/api/tickets/${ticketId}/claim`, { method: 'POST', token: await tokenOf(sari), params: id(ticketId) })).status).toBe(200);
    }
    const refused = await call<ErrorBody, IdParams>(claimRoute, `/api/tickets/${c}/claim`, { method: 'POST', token: await tokenOf(sari), params: id(c!) });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'capacity_reached',
      message: 'You already have 2 open tickets, your limit is 2. Resolve or release one first.',
      details: { capacity: 2, open: 2 },
    });
    expect(await ticketNow(ctx().db, c!)).toMatchObject({ status: 'pending', assigned_agent_id: null });

    await releaseTicket(ctx(), { ticketId: a!, actor: sari });
    expect((await call(claimRoute, `/api/tickets/${c}/claim`, { method: 'POST', token: await tokenOf(sari), params: id(c!) })).status).toBe(200);
    expect((await heldBy(ctx().db, sari.id)).sort()).toEqual([b, c].sort());
  });

  it('ten claims at once by one agent with room for two: exactly two win, and the agent never holds more', async () => {
    const rounds = kind === 'postgres' ? 8 : 3;
    const budi = agents[1]!;
    await setCapacity(ctx().db, budi.id, 2);
    for (let round = 0; round < rounds; round++) {
      const ids = await newTickets(10);
      const results = await Promise.allSettled(ids.map((ticketId) => claimTicket(ctx(), { ticketId, actor: budi })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
      const refused = refusals(results);
      expect(refused).toHaveLength(8);
      for (const error of refused) expect(error).toMatchObject({ code: 'capacity_reached', status: 409 });
      const held = await heldBy(ctx().db, budi.id);
      expect(held).toHaveLength(2);
      for (const ticketId of held) await releaseTicket(ctx(), { ticketId, actor: budi });
    }
  });

  it('claims, supervisor assignments and transfers to one agent at once never push them past the limit', async () => {
    const [ani, giver, ...others] = agents.slice(2, 6);
    await setCapacity(ctx().db, ani!.id, 3);
    const toClaim = await newTickets(6);
    const toAssign = await newTickets(6);
    const toTransfer = await newTickets(4);
    for (const ticketId of toTransfer) await claimTicket(ctx(), { ticketId, actor: giver! });
    const results = await Promise.allSettled([
      ...toClaim.map((ticketId) => claimTicket(ctx(), { ticketId, actor: ani! })),
      ...toAssign.map((ticketId) => assignTicket(ctx(), { ticketId, actor: dewi, toAgentId: ani!.id })),
      ...toTransfer.map((ticketId) => assignTicket(ctx(), { ticketId, actor: giver!, toAgentId: ani!.id })),
      // Other agents claim the same tickets meanwhile.
      ...toClaim.map((ticketId, i) => claimTicket(ctx(), { ticketId, actor: others[i % others.length]! })),
    ]);
    expect(await heldBy(ctx().db, ani!.id)).toHaveLength(3);
    for (const error of refusals(results)) expect(['capacity_reached', 'ticket_already_claimed', 'ticket_changed']).toContain(error.code);
    // A refused transfer leaves the ticket with the agent who tried to hand it over.
    for (const ticketId of toTransfer) expect([ani!.id, giver!.id]).toContain((await ticketNow(ctx().db, ticketId)).assigned_agent_id);
  });

  it('a transfer to a full agent is refused naming them; a supervisor may override, an agent may not', async () => {
    const [full, giver] = agents.slice(6);
    await setCapacity(ctx().db, full!.id, 1);
    const [mine, theirs, extra] = await newTickets(3);
    await claimTicket(ctx(), { ticketId: theirs!, actor: full! });
    await claimTicket(ctx(), { ticketId: mine!, actor: giver! });
    const transfer = (ticketId: number, who: Actor, body: object) =>
      call<ErrorBody & { ticket: TicketView }, IdParams>(assignRoute, `/api/tickets/${ticketId}/assign`, {
        token: tokens.get(who.id),
        body: { agent_id: full!.id, ...body },
        params: id(ticketId),
      });
    await tokenOf(giver!);
    await tokenOf(dewi);
    const refused = await transfer(mine!, giver!, { override_capacity: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'capacity_reached', message: 'Agent 6 already has 1 open ticket, their limit is 1.' });
    expect((await ticketNow(ctx().db, mine!)).assigned_agent_id).toBe(giver!.id);

    expect((await transfer(extra!, dewi, {})).status).toBe(409);
    const overridden = await transfer(extra!, dewi, { override_capacity: true });
    expect(overridden.status).toBe(200);
    expect(overridden.body.ticket).toMatchObject({ status: 'assigned', assigned_agent_id: full!.id });
    expect(await heldBy(ctx().db, full!.id)).toHaveLength(2);
  });

  it('no limit set means no limit', async () => {
    const free = agents[1]!;
    await setCapacity(ctx().db, free.id, null);
    const ids = await newTickets(12);
    await Promise.all(ids.map((ticketId) => claimTicket(ctx(), { ticketId, actor: free })));
    expect(await heldBy(ctx().db, free.id)).toHaveLength(12);
  });
});
