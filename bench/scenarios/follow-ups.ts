import { loadOptions, loketThenFloor } from '../lib/compare';
import type { Traffic } from '../lib/load';
import { renderDetails, renderGoals, renderHeader, renderTable } from '../lib/report';
import type { Scenario } from '../lib/scenario';
import { ms } from '../lib/stats';
import type { WebhookClient } from '../lib/webhook-client';

interface OpenTicket {
  id: number;
  phone: string;
  /** The measured socket that has it open. */
  socket: number;
}

let batch = 0;

/** Opens `count` tickets, one new customer each, 16 requests at a time (not timed). */
async function openTickets(post: WebhookClient['post'], count: number, measured: number): Promise<OpenTicket[]> {
  batch += 1;
  const tickets: OpenTicket[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const phone = `62${9000 + batch}${String(i).padStart(7, '0')}`;
      const r = await post({ id: `open-${phone}`, from: phone, name: `Pelanggan ${i}`, text: `Halo, saya mau tanya pesanan #${i}`, timestamp: Math.floor(Date.now() / 1000) });
      const answer = r.status === 200 ? (JSON.parse(r.body) as { ticket_id?: number; ticket_created?: boolean }) : null;
      if (!answer?.ticket_created || !answer.ticket_id) throw new Error(`opening ticket ${i} failed: ${r.error ?? `HTTP ${r.status} ${r.body.slice(0, 200)}`}`);
      tickets[i] = { id: answer.ticket_id, phone, socket: i % measured };
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tickets;
}

/** Every message is one more from a customer whose ticket is open, timed to `message:created` on the socket that has it open. */
function followUpTraffic(tickets: OpenTicket[]): Traffic {
  return {
    listen: {
      event: 'message:created',
      key: (p) => (p as { message?: { external_id?: string | null } }).message?.external_id ?? null,
    },
    expectBody: '"ticket_created":false',
    async prepare(agents) {
      for (const t of tickets) await agents.watch(t.socket, t.id);
    },
    message(phase, i) {
      const t = tickets[i % tickets.length] as OpenTicket;
      const id = `fu-${phase}-${i}`;
      return { body: { id, from: t.phone, name: `Pelanggan`, text: `Masih menunggu, ini pesan ke-${i}`, timestamp: Math.floor(Date.now() / 1000) }, key: id, sockets: [t.socket] };
    },
  };
}

const OPEN_TICKETS = 2000;
const RATE = 500;

export const followUps: Scenario = {
  summary: `follow-ups on ${OPEN_TICKETS.toLocaleString('en')} open tickets: webhook → message:created on the agent socket that has the ticket open, ${RATE} msg/s`,
  targets: ['postgres'],
  async run(run) {
    const rates = run.options.rates ?? [RATE];
    const { info, rows } = await loketThenFloor(run, async (system) => {
      const base = loadOptions(run, rates[0] as number, 10_000);
      const t0 = performance.now();
      const tickets = await openTickets(system.post, OPEN_TICKETS, base.measured);
      run.log(`${system.kind}: ${OPEN_TICKETS} open tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return rates.map((rate) => ({ label: `${rate}/s`, options: loadOptions(run, rate, rate * 20), traffic: followUpTraffic(tickets) }));
    });
    const r500 = rows.find((r) => r.loket.options.rate === RATE);
    const goals = r500
      ? [{ label: `p99 ≤ 25 ms at ${RATE}/s`, met: r500.loket.latency.p99 <= 25 && r500.loket.errors === 0 && r500.loket.missing === 0, detail: `p99 ${ms(r500.loket.latency.p99)} ms` }]
      : [];
    const body = [
      renderHeader(info, ` · ${OPEN_TICKETS.toLocaleString('en')} open tickets (pending), each open on one timed agent socket (\`ticket:watch\`)`),
      '',
      renderTable(rows, 'follow-up → message:created'),
      '',
      renderDetails(rows),
      renderGoals(goals),
    ].join('\n');
    return [{ id: `follow-ups:${run.kind}`, heading: '2. Follow-up messages on open tickets — PostgreSQL', body, json: { info, rows } }];
  },
};
