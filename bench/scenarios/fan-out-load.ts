import { openLoop } from '../lib/open-loop';
import { type ResourceSample, type ResourceUsage, usageBetween, waitForQuiet } from '../lib/resources';
import { type Summary, summarize } from '../lib/stats';
import type { WebhookClient } from '../lib/webhook-client';
import { connectFanOutSockets } from './fan-out-sockets';

export interface FanOutOptions {
  sockets: number;
  /** New tickets per second (open loop), each from a new customer. */
  rate: number;
  count: number;
  warmup: number;
  settleMs: number;
  quietWaitMs: number;
}

export interface FanOutResult {
  /** Per ticket: webhook sent → the last of all sockets has it. */
  last: Summary;
  /** Per (ticket, socket): webhook sent → that socket has it. */
  perSocket: Summary;
  /** Webhook sent → HTTP 200. */
  response: Summary;
  /** (ticket, socket) pairs that never arrived. */
  missing: number;
  errors: number;
  firstError: string | null;
  connectedAtEnd: number;
  /** Server RSS with every socket connected, before the load. */
  rssConnectedMiB: number | null;
  /** Highest server RSS from the sockets connected to the last ticket sent (sampled every 100 ms). */
  rssPeakMiB: number | null;
  resources: ResourceUsage | null;
  machineBusyBefore: number;
}

interface Phase {
  index: Map<string, number>;
  at: Float64Array;
  tSend: Float64Array;
  tResponse: Float64Array;
  errors: (string | undefined)[];
}

let phaseNumber = 0;

/**
 * Connects the sockets, sends `warmup` then `count` new-customer webhooks at `rate`, and times
 * when each ticket reaches each socket. The same for Loket and for the floor.
 */
export async function fanOutLoad(
  server: { baseUrl: string; sample?: (reset: boolean) => Promise<ResourceSample>; rssKiB(): number | null },
  client: WebhookClient,
  tokens: readonly string[],
  options: FanOutOptions,
  log: (line: string) => void,
): Promise<FanOutResult> {
  let current: Phase | null = null;
  const sockets = await connectFanOutSockets(server.baseUrl, tokens, options.sockets, (phone, socket, at) => {
    const i = current?.index.get(phone);
    if (current && i !== undefined) {
      const slot = i * options.sockets + socket;
      if (Number.isNaN(current.at[slot])) current.at[slot] = at;
    }
  });
  let rssSampler: NodeJS.Timeout | undefined;
  try {
    log(`${sockets.connected()} sockets connected`);
    const rss = server.rssKiB();
    let peakKiB = rss;
    rssSampler = setInterval(() => {
      const now = server.rssKiB();
      if (now !== null && (peakKiB === null || now > peakKiB)) peakKiB = now;
    }, 100);
    current = newPhase(options.warmup, options.sockets);
    await sendPhase(client, current, options.warmup, options);
    const machineBusyBefore = await waitForQuiet(0.15, 2_000, options.quietWaitMs);
    const before = await server.sample?.(true);
    const measured = newPhase(options.count, options.sockets);
    current = measured;
    await sendPhase(client, measured, options.count, options);
    clearInterval(rssSampler);
    const after = await server.sample?.(false);
    return {
      ...summarizePhase(measured, options),
      connectedAtEnd: sockets.connected(),
      rssConnectedMiB: rss === null ? null : rss / 1024,
      rssPeakMiB: peakKiB === null ? null : peakKiB / 1024,
      resources: before && after ? usageBetween(before, after, options.count) : null,
      machineBusyBefore,
    };
  } finally {
    clearInterval(rssSampler);
    sockets.close();
  }
}

function newPhase(count: number, sockets: number): Phase {
  return {
    index: new Map(),
    at: new Float64Array(count * sockets).fill(Number.NaN),
    tSend: new Float64Array(count).fill(Number.NaN),
    tResponse: new Float64Array(count).fill(Number.NaN),
    errors: new Array(count),
  };
}

async function sendPhase(client: WebhookClient, phase: Phase, count: number, options: FanOutOptions) {
  const prefix = `63${String(++phaseNumber).padStart(3, '0')}`;
  const unix = Math.floor(Date.now() / 1000);
  const inFlight: Promise<void>[] = [];
  await openLoop(count, options.rate, (i) => {
    const phone = `${prefix}${String(i).padStart(7, '0')}`;
    phase.index.set(phone, i);
    const message = { id: `fan-${prefix}-${i}`, from: phone, name: `Pelanggan ${i}`, text: `Halo, pesanan #${i} belum sampai`, timestamp: unix };
    inFlight.push(
      client.post(message).then((r) => {
        phase.tSend[i] = r.tSend;
        if (r.status !== 200) phase.errors[i] = r.error ?? `HTTP ${r.status}: ${r.body.slice(0, 200)}`;
        else if (!r.body.includes('"ticket_created":true')) phase.errors[i] = `no new ticket: ${r.body.slice(0, 200)}`;
        else phase.tResponse[i] = r.tResponse;
      }),
    );
  });
  await Promise.all(inFlight);
  const deadline = performance.now() + options.settleMs;
  let from = 0;
  const complete = () => {
    for (; from < count; from++) {
      if (phase.errors[from]) continue;
      for (let s = 0; s < options.sockets; s++) if (Number.isNaN(phase.at[from * options.sockets + s])) return false;
    }
    return true;
  };
  while (!complete() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

function summarizePhase(phase: Phase, options: FanOutOptions) {
  const last: number[] = [];
  const perSocket = new Float64Array(options.count * options.sockets);
  let n = 0;
  let missing = 0;
  let errors = 0;
  let firstError: string | null = null;
  const response: number[] = [];
  for (let i = 0; i < options.count; i++) {
    const tSend = phase.tSend[i] as number;
    if (phase.errors[i]) {
      errors += 1;
      firstError ??= phase.errors[i] as string;
      continue;
    }
    response.push((phase.tResponse[i] as number) - tSend);
    let latest = Number.NEGATIVE_INFINITY;
    let complete = true;
    for (let s = 0; s < options.sockets; s++) {
      const at = phase.at[i * options.sockets + s] as number;
      if (Number.isNaN(at)) {
        missing += 1;
        complete = false;
      } else {
        perSocket[n++] = at - tSend;
        latest = Math.max(latest, at);
      }
    }
    if (complete) last.push(latest - tSend);
  }
  return { last: summarize(last), perSocket: summarize(perSocket.subarray(0, n)), response: summarize(response), missing, errors, firstError };
}
