import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelRow } from '../../lib/db/schema';
import { ticketEvents } from '../../lib/db/schema';
import { releaseTicket } from '../../lib/domain/assignment';
import { ensureChannel } from '../../lib/domain/channels';
import type { Actor } from '../../lib/domain/context';
import type { DomainError } from '../../lib/domain/errors';
import { ingestInboundMessage } from '../../lib/domain/ingest';
import { claimTicket, resolveTicket } from '../../lib/domain/tickets';
import type { TicketView } from '../../lib/domain/views';
import { createTestContext, insertActors } from '../helpers/context';
import { countingDb } from '../helpers/counting-db';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';
import { inbound } from '../helpers/fixtures';
import { setCapacity } from '../helpers/time-rules';

type Settled = PromiseSettledResult<TicketView>;
const refusal = (r: Settled | undefined) => (r?.status === 'rejected' ? (r.reason as DomainError) : null);
const claimedBy = (r: Settled | undefined) => (r?.status === 'fulfilled' ? r.value.assigned_agent_id : null);

describe.each(databaseTargets())('claims of one ticket at once in one process share one attempt, on %s', (kind) => {
  let database: TestDatabase;
  let channel: ChannelRow;
  let agents: Actor[];
  let n = 7000;

  const newTicket = async () =>
    (await ingestInboundMessage(createTestContext(database.db).ctx, inbound(channel, (n += 1)))).ticket.id;
  const claimEvents = async (ticketId: number) => {
    const [row] = await database.db
      .select({ n: count() })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, 'claimed')));
    return row?.n ?? 0;
  };
  /** A process of its own: its own handle (so its own claim flights), counting what reaches the database. */
  const process = () => {
    const counted = countingDb(database.db);
    return { ...createTestContext(counted.db), counts: counted.counts };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind, { maxConnections: 40 });
    channel = await ensureChannel(database.db, 'gateway', 'Gateway');
    agents = await insertActors(database.db, 'agent', Array.from({ length: 30 }, (_, i) => `Racer ${i}`));
  });
  afterAll(() => database?.destroy());

  it('30 agents at once: the first to ask wins, 29 get the 409 naming them, and one transaction reached the database', async () => {
    const p = process();
    const ticketId = await newTicket();
    const results = await Promise.allSettled(agents.map((actor) => claimTicket(p.ctx, { ticketId, actor })));
    const [winner, ...losers] = agents;
    expect(claimedBy(results[0])).toBe(winner!.id);
    losers.forEach((_, i) => {
      expect(refusal(results[i + 1])).toMatchObject({
        status: 409,
        code: 'ticket_already_claimed',
        message: `Ticket already claimed by ${winner!.name}.`,
        details: { status: 'assigned', assigned_agent_id: winner!.id, assigned_agent_name: winner!.name },
      });
    });
    // The leader's read and transaction (which reads the result too): nothing per loser.
    expect(p.counts).toMatchObject({ transaction: 1, statements: 1, update: 0, insert: 0 });
    expect(await claimEvents(ticketId)).toBe(1);
    expect(p.events.filter((e) => e.type === 'ticket.updated')).toHaveLength(1);

    // Resolved: everyone at once learns it from one read, and no transaction is opened.
    await resolveTicket(p.ctx, { ticketId, actor: winner! });
    const before = { ...p.counts };
    const late = await Promise.allSettled(losers.slice(0, 5).map((actor) => claimTicket(p.ctx, { ticketId, actor })));
    for (const r of late) expect(refusal(r)).toMatchObject({ status: 409, message: 'This ticket is already resolved.', details: { status: 'resolved' } });
    expect(p.counts.transaction - before.transaction).toBe(0);
    expect(p.counts.statements - before.statements).toBe(1);
  });

  it('one agent pressing claim twice at once: the second click hears "You already have this ticket."', async () => {
    const p = process();
    const ticketId = await newTicket();
    const [sari, budi] = [agents[1]!, agents[2]!];
    const results = await Promise.allSettled([sari, sari, budi].map((actor) => claimTicket(p.ctx, { ticketId, actor })));
    expect(claimedBy(results[0])).toBe(sari.id);
    expect(refusal(results[1])).toMatchObject({
      status: 409,
      code: 'ticket_already_claimed',
      message: 'You already have this ticket.',
      details: { status: 'assigned', assigned_agent_id: sari.id, assigned_agent_name: sari.name },
    });
    expect(refusal(results[2])).toMatchObject({ message: `Ticket already claimed by ${sari.name}.` });
    expect(p.counts.transaction).toBe(1);
  });

  it('a leader refused for its own reasons (at capacity, no such agent) leaves the ticket to the next in line', async () => {
    const p = process();
    const [full, roomy, other] = [agents[3]!, agents[4]!, agents[5]!];
    await setCapacity(database.db, full.id, 1);
    await claimTicket(p.ctx, { ticketId: await newTicket(), actor: full });

    const ticketId = await newTicket();
    const results = await Promise.allSettled([full, roomy, other].map((actor) => claimTicket(p.ctx, { ticketId, actor })));
    expect(refusal(results[0])).toMatchObject({ status: 409, code: 'capacity_reached' });
    expect(claimedBy(results[1])).toBe(roomy.id);
    expect(refusal(results[2])).toMatchObject({ code: 'ticket_already_claimed', message: `Ticket already claimed by ${roomy.name}.` });
    expect(await claimEvents(ticketId)).toBe(1);

    const ghost: Actor = { id: 987_654, name: 'Ghost', email: 'ghost@test.loket', role: 'agent' };
    const next = await newTicket();
    const raced = await Promise.allSettled([ghost, other].map((actor) => claimTicket(p.ctx, { ticketId: next, actor })));
    expect(refusal(raced[0])).toMatchObject({ status: 404, message: 'Agent not found' });
    expect(claimedBy(raced[1])).toBe(other.id);
  });

  it('a finished race leaves nothing behind: released, the ticket is claimable again', async () => {
    const p = process();
    const ticketId = await newTicket();
    await Promise.allSettled(agents.slice(6, 12).map((actor) => claimTicket(p.ctx, { ticketId, actor })));
    await releaseTicket(p.ctx, { ticketId, actor: agents[6]! });
    await expect(claimTicket(p.ctx, { ticketId, actor: agents[7]! })).resolves.toMatchObject({ assigned_agent_id: agents[7]!.id });
  });

  it('between processes the database still decides: 3 processes × 10 agents, one winner, each at most one transaction', async () => {
    const processes = [process(), process(), process()];
    const ticketId = await newTicket();
    const results = await Promise.allSettled(
      agents.map((actor, i) => claimTicket(processes[i % 3]!.ctx, { ticketId, actor })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<TicketView>).value;
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      const error = refusal(r);
      expect(error).toMatchObject({ status: 409, code: 'ticket_already_claimed', details: { assigned_agent_id: winner.assigned_agent_id } });
    }
    for (const p of processes) expect(p.counts.transaction).toBeLessThanOrEqual(1);
    expect(await claimEvents(ticketId)).toBe(1);
  });
});
