import { connectAgents, type TicketArrival } from '../lib/agent-sockets';
import { openLoop } from '../lib/open-loop';
import { type ResourceSample, type ResourceUsage, usageBetween, waitForQuiet } from '../lib/resources';
import { type Summary, summarize } from '../lib/stats';
import type { WebhookClient } from '../lib/webhook-client';

export interface TimeToQueueOptions {
  /** Arrivals per second (open loop). */
  rate: number;
  /** Measured messages, each from a new customer, so each makes a ticket. */
  count: number;
  /** Messages sent first at the same rate and discarded. */
  warmup: number;
  /** Agent sockets listening for `ticket:created`. */
  sockets: number;
  /** How long to wait after the last send for events still on their way. */
  settleMs: number;
  /** Before measuring, wait up to this long for the machine to be quiet (below 15% busy for 2 s). */
  quietWaitMs: number;
}

export interface TimeToQueueResult {
  options: TimeToQueueOptions;
  /** t_event − t_send for every (message, socket) pair that arrived. */
  queue: Summary;
  /** t_response − t_send for every 200. */
  response: Summary;
  /** How late the generator sent each message against its schedule. */
  sendLag: Summary;
  achievedRate: number;
  errors: number;
  firstError: string | null;
  /** (message, socket) pairs whose event never came. */
  missing: number;
  socketsConnectedAtEnd: number;
  /** Server and machine load over the measured phase (send + settle). */
  resources: ResourceUsage | null;
  /** Which try this was (run.ts repeats runs that other work on the machine disturbed). */
  attempt?: number;
  /** Share of all cores busy in the 2 s before the measured phase (other work on the machine). */
  machineBusyBefore: number;
  /** Date.now() at the first measured send: lines up the timeline with server logs. */
  startedAtEpochMs: number;
  /** Per message in send order: [send time since the first send, time to queue on socket 0, HTTP] in ms (for plots, JSON only). */
  timeline: [number, number | null, number | null][];
}

interface Sent {
  phone: string;
  tSend: number;
  due: number;
  tResponse?: number;
  error?: string;
}

let batch = 0;

/** Time from the webhook POST to the new ticket on the agents' sockets, at a fixed arrival rate. */
export async function timeToQueue(
  env: { baseUrl: string; tokens: readonly string[]; client: WebhookClient; sample?: (reset: boolean) => Promise<ResourceSample> },
  options: TimeToQueueOptions,
): Promise<TimeToQueueResult> {
  const arrivals = new Map<string, Map<number, number>>();
  const onTicket = ({ phone, socket, at }: TicketArrival) => {
    const perSocket = arrivals.get(phone) ?? new Map<number, number>();
    if (!perSocket.has(socket)) perSocket.set(socket, at);
    arrivals.set(phone, perSocket);
  };
  const agents = await connectAgents(env.baseUrl, env.tokens, options.sockets, onTicket);
  try {
    await sendPhase(env.client, options.warmup, options, arrivals, options.settleMs);
    const machineBusyBefore = await waitForQuiet(0.15, 2_000, options.quietWaitMs);
    const before = await env.sample?.(true);
    const sent = await sendPhase(env.client, options.count, options, arrivals, options.settleMs);
    const after = await env.sample?.(false);
    const resources = before && after ? usageBetween(before, after, options.count) : null;
    return { ...measure(sent, arrivals, options, agents.connectedCount()), resources, machineBusyBefore };
  } finally {
    agents.close();
  }
}

async function sendPhase(
  client: WebhookClient,
  count: number,
  options: TimeToQueueOptions,
  arrivals: Map<string, Map<number, number>>,
  settleMs: number,
): Promise<Sent[]> {
  batch += 1;
  // 62 + batch (4 digits) + index (7 digits): a distinct customer for every message of the run.
  const prefix = `62${String(batch).padStart(4, '0')}`;
  const sent: Sent[] = [];
  const inFlight: Promise<void>[] = [];
  const unix = Math.floor(Date.now() / 1000);
  await openLoop(count, options.rate, (i, due) => {
    const phone = `${prefix}${String(i).padStart(7, '0')}`;
    const record: Sent = { phone, due, tSend: Number.NaN };
    sent.push(record);
    const message = { id: `bench-${prefix}-${i}`, from: phone, name: `Bench ${i}`, text: `Halo, pesanan #${i} belum sampai`, timestamp: unix };
    inFlight.push(
      client.post(message).then((r) => {
        record.tSend = r.tSend;
        if (r.status !== 200) record.error = r.error ?? `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
        else if (!r.body.includes('"ticket_created":true')) record.error = `no new ticket: ${r.body.slice(0, 200)}`;
        else record.tResponse = r.tResponse;
      }),
    );
  });
  await Promise.all(inFlight);
  const deadline = performance.now() + settleMs;
  const complete = () => sent.every((s) => s.error || (arrivals.get(s.phone)?.size ?? 0) >= options.sockets);
  while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return sent;
}

function measure(
  sent: Sent[],
  arrivals: Map<string, Map<number, number>>,
  options: TimeToQueueOptions,
  connected: number,
): Omit<TimeToQueueResult, 'resources' | 'machineBusyBefore'> {
  const queue: number[] = [];
  const response: number[] = [];
  const lag: number[] = [];
  let missing = 0;
  const errors = sent.filter((s) => s.error);
  for (const s of sent) {
    if (Number.isFinite(s.tSend)) lag.push(s.tSend - s.due);
    if (s.tResponse !== undefined) response.push(s.tResponse - s.tSend);
    const perSocket = arrivals.get(s.phone);
    for (let socket = 0; socket < options.sockets; socket++) {
      const at = perSocket?.get(socket);
      if (at === undefined) missing += 1;
      else queue.push(at - s.tSend);
    }
  }
  const sends = sent.map((s) => s.tSend).filter(Number.isFinite);
  const first = Math.min(...sends);
  const startedAtEpochMs = Date.now() - (performance.now() - first);
  const span = (Math.max(...sends) - first) / 1000;
  const round = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);
  const timeline = sent.map((s): [number, number | null, number | null] => [
    round(s.tSend - first) ?? Number.NaN,
    round((arrivals.get(s.phone)?.get(0) ?? Number.NaN) - s.tSend),
    round((s.tResponse ?? Number.NaN) - s.tSend),
  ]);
  return {
    options,
    queue: summarize(queue),
    response: summarize(response),
    sendLag: summarize(lag),
    achievedRate: span > 0 ? (sends.length - 1) / span : Number.NaN,
    errors: errors.length,
    firstError: errors[0]?.error ?? null,
    missing,
    socketsConnectedAtEnd: connected,
    timeline,
    startedAtEpochMs,
  };
}
