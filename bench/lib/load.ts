import { connectAgents, type AgentSockets, type Listen } from './agent-sockets';
import { openLoop } from './open-loop';
import { type ResourceSample, type ResourceUsage, usageBetween, waitForQuiet } from './resources';
import { type Summary, summarize } from './stats';
import type { WebhookClient, WebhookMessage } from './webhook-client';

export interface LoadOptions {
  /** Arrivals per second (open loop). */
  rate: number;
  /** Measured messages. */
  count: number;
  /** Messages sent first at the same rate and discarded. */
  warmup: number;
  /** Agent sockets connected in all. */
  sockets: number;
  /** How many of them time their arrivals (full Socket.IO clients, spread over the join order). */
  measured: number;
  /** How long to wait after the last send for events still on their way. */
  settleMs: number;
  /** Before measuring, wait up to this long for the machine to be quiet (below 15% busy for 2 s). */
  quietWaitMs: number;
}

/** What a scenario sends and what it waits for. */
export interface Traffic {
  listen: Listen;
  /** Message `i` of a phase (a new phase number for the warm-up and for every measured attempt). */
  message(phase: number, i: number): { body: WebhookMessage; key: string; sockets: readonly number[] | 'all' };
  /** What a right answer says (`"ticket_created":true` for a new customer). */
  expectBody: string;
  /** After the sockets connect, before anything is sent (e.g. watch tickets). */
  prepare?(agents: AgentSockets): Promise<void>;
}

export interface LoadResult {
  options: LoadOptions;
  /** t_event − t_send for every (message, measured socket) pair that arrived. */
  latency: Summary;
  /** t_response − t_send for every right answer. */
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
  attempt?: number;
  /** Share of all cores busy in the 2 s before the measured phase (other work on the machine). */
  machineBusyBefore: number;
  startedAtEpochMs: number;
  /** Per message in send order: [send time since the first send, latency on its first socket, HTTP] in ms (JSON only). */
  timeline: [number, number | null, number | null][];
}

interface Phase {
  index: Map<string, number>;
  /** arrival time per (message, measured socket), NaN until it comes. */
  at: Float64Array;
  sockets: (readonly number[])[];
  tSend: Float64Array;
  due: Float64Array;
  tResponse: Float64Array;
  errors: (string | undefined)[];
}

let phaseCounter = 0;

export interface LoadTarget {
  baseUrl: string;
  token: string;
  client: WebhookClient;
  sample?: (reset: boolean) => Promise<ResourceSample>;
}

/** Connects the sockets, sends the warm-up, waits for a quiet machine, then sends and times `count` messages. */
export async function runLoad(target: LoadTarget, traffic: Traffic, asked: LoadOptions): Promise<LoadResult> {
  const options = { ...asked, measured: Math.max(1, Math.min(asked.measured, asked.sockets)) };
  let current: Phase | null = null;
  const agents = await connectAgents(target.baseUrl, target.token, {
    total: options.sockets,
    measured: options.measured,
    listen: traffic.listen,
    onArrival(key, socket, at) {
      const i = current?.index.get(key);
      if (current && i !== undefined) {
        const slot = i * options.measured + socket;
        if (Number.isNaN(current.at[slot])) current.at[slot] = at;
      }
    },
  });
  try {
    await traffic.prepare?.(agents);
    current = newPhase(options.warmup, options.measured);
    await sendPhase(target.client, traffic, current, options.warmup, options);
    const machineBusyBefore = await waitForQuiet(0.15, 2_000, options.quietWaitMs);
    const before = await target.sample?.(true);
    const measured = newPhase(options.count, options.measured);
    current = measured;
    await sendPhase(target.client, traffic, measured, options.count, options);
    const after = await target.sample?.(false);
    const resources = before && after ? usageBetween(before, after, options.count) : null;
    return { ...summarizePhase(measured, options, agents.connectedCount()), resources, machineBusyBefore };
  } finally {
    agents.close();
  }
}

function newPhase(count: number, measured: number): Phase {
  return {
    index: new Map(),
    at: new Float64Array(count * measured).fill(Number.NaN),
    sockets: new Array(count),
    tSend: new Float64Array(count).fill(Number.NaN),
    due: new Float64Array(count),
    tResponse: new Float64Array(count).fill(Number.NaN),
    errors: new Array(count),
  };
}

async function sendPhase(client: WebhookClient, traffic: Traffic, phase: Phase, count: number, options: LoadOptions) {
  const number = ++phaseCounter;
  const all = Array.from({ length: options.measured }, (_, s) => s);
  const inFlight: Promise<void>[] = [];
  await openLoop(count, options.rate, (i, due) => {
    const { body, key, sockets } = traffic.message(number, i);
    phase.index.set(key, i);
    phase.sockets[i] = sockets === 'all' ? all : sockets;
    phase.due[i] = due;
    inFlight.push(
      client.post(body).then((r) => {
        phase.tSend[i] = r.tSend;
        if (r.status !== 200) phase.errors[i] = r.error ?? `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
        else if (!r.body.includes(traffic.expectBody)) phase.errors[i] = `unexpected answer: ${r.body.slice(0, 200)}`;
        else phase.tResponse[i] = r.tResponse;
      }),
    );
  });
  await Promise.all(inFlight);
  const deadline = performance.now() + options.settleMs;
  let from = 0; // everything before `from` has arrived (or failed)
  const complete = () => {
    for (; from < count; from++) {
      if (phase.errors[from]) continue;
      if ((phase.sockets[from] ?? []).some((s) => Number.isNaN(phase.at[from * options.measured + s]))) return false;
    }
    return true;
  };
  while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function summarizePhase(phase: Phase, options: LoadOptions, connected: number): Omit<LoadResult, 'resources' | 'machineBusyBefore'> {
  const latency: number[] = [];
  const response: number[] = [];
  const lag: number[] = [];
  let missing = 0;
  let errors = 0;
  let firstError: string | null = null;
  const timeline: [number, number | null, number | null][] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < options.count; i++) {
    const t = phase.tSend[i] as number;
    if (Number.isFinite(t)) {
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
  }
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
  for (let i = 0; i < options.count; i++) {
    const tSend = phase.tSend[i] as number;
    if (phase.errors[i]) {
      errors += 1;
      firstError ??= phase.errors[i] as string;
    }
    if (Number.isFinite(tSend)) lag.push(tSend - (phase.due[i] as number));
    const tResponse = phase.tResponse[i] as number;
    if (Number.isFinite(tResponse)) response.push(tResponse - tSend);
    const sockets = phase.sockets[i] ?? [];
    for (const s of sockets) {
      const at = phase.at[i * options.measured + s] as number;
      if (Number.isNaN(at)) missing += 1;
      else latency.push(at - tSend);
    }
    const firstSocket = sockets[0];
    timeline.push([
      round(tSend - first) ?? Number.NaN,
      firstSocket === undefined ? null : round((phase.at[i * options.measured + firstSocket] as number) - tSend),
      round(tResponse - tSend),
    ]);
  }
  const span = (last - first) / 1000;
  const sent = phase.tSend.filter(Number.isFinite).length;
  return {
    options,
    latency: summarize(latency),
    response: summarize(response),
    sendLag: summarize(lag),
    achievedRate: span > 0 ? (sent - 1) / span : Number.NaN,
    errors,
    firstError,
    missing,
    socketsConnectedAtEnd: connected,
    timeline,
    startedAtEpochMs: Date.now() - (performance.now() - first),
  };
}
