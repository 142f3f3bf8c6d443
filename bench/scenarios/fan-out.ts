// Scenario 4, fan-out: 1,000 agent sockets are connected (100 agents, 10 tabs each); every new
// customer's ticket must reach all of them. Timed from the webhook's send to the last socket
// having it, and per socket. Floor: bench/lib/floor-server.ts (ingest's SQL on a bare driver,
// one bare Socket.IO emit to its room), with the same 1,000 sockets and the same webhooks.
import { createAgentAccounts } from '../lib/agent-accounts';
import { renderFigures, targetLine } from '../lib/figures-table';
import { startFloor } from '../lib/floor';
import { startLoket } from '../lib/loket-server';
import { describeUsage, renderHeader } from '../lib/report';
import type { Scenario, ScenarioRun, Section } from '../lib/scenario';
import { fourFigures, ms } from '../lib/stats';
import { type FanOutOptions, type FanOutResult, fanOutLoad } from './fan-out-load';

const SOCKETS = 1000;
const AGENTS = 100;
const RATE = 10;
const COUNT = 300;
/** The issue's targets, on PostgreSQL. */
const LAST_P99_TARGET_MS = 150;
const RSS_TARGET_MB = 300;

const NOTES =
  '- Fan-out is one emit per ticket to the staff room (server/socket/fan-out.ts), encoded once by the adapter and written to ' +
  'each socket as a pre-built frame; Socket.IO leaves perMessageDeflate off, and the payload is the ticket view (about 1 KB). ' +
  'Memory (measured by hand with forced collections, PostgreSQL): the live JavaScript heap is about 62 MB idle and 80 MB with the ' +
  '1000 sockets; the rest of the RSS is Node itself (~45 MiB of its binary), native buffers and V8\'s room between collections, ' +
  'which is why RSS moves by tens of MiB from run to run. The production server no longer loads build-time tools (next.config.mjs).';

export const fanOut: Scenario = {
  summary: `${SOCKETS} agent sockets; each new ticket (${RATE}/s, ${COUNT} of them; --rate, --count) must reach all; floor: a bare Socket.IO emit to the same sockets`,
  targets: ['pglite', 'postgres'],
  async run(run: ScenarioRun): Promise<Section[]> {
    const { kind, options, log } = run;
    const load: FanOutOptions = {
      sockets: SOCKETS,
      rate: options.rates?.[0] ?? RATE,
      count: options.count ?? COUNT,
      warmup: 20,
      settleMs: options.settleMs,
      quietWaitMs: options.quietWaitMs,
    };
    let loket: FanOutResult;
    let rssEndMiB: number | null;
    let info;
    const server = await startLoket(run, { label: `fan-out-${kind}`, env: { LOKET_SIGNIN_PER_MINUTE: '1000' } });
    let tokens: string[];
    try {
      log(`creating ${AGENTS} agents with API tokens …`);
      tokens = (await createAgentAccounts(server.server.baseUrl, server.adminToken, AGENTS, 'fan')).map((a) => a.token);
      log(`connecting ${SOCKETS} sockets, then ${load.count} new tickets at ${load.rate}/s …`);
      loket = await fanOutLoad(server.server, server.client, tokens, load, log);
      const rss = server.server.rssKiB();
      rssEndMiB = rss === null ? null : rss / 1024;
      info = await server.info();
    } finally {
      await server.close();
    }
    log(`Loket: last socket ${fourFigures(loket.last)}; RSS connected ${loket.rssConnectedMiB?.toFixed(0)}, peak ${loket.rssPeakMiB?.toFixed(0)}, end ${rssEndMiB?.toFixed(0)} MiB`);

    let floor: FanOutResult | null = null;
    if (options.floor !== 'off') {
      const bare = await startFloor(run, undefined, `fan-out-floor-${kind}`);
      try {
        floor = await fanOutLoad(bare.server, bare.client, tokens, load, log);
      } finally {
        await bare.close();
      }
      log(`floor: last socket ${fourFigures(floor.last)}`);
    }

    // The sampled peak starts from the reading with the sockets connected.
    const rssPeak = Math.max(loket.rssPeakMiB ?? 0, rssEndMiB ?? 0);
    const met = loket.last.p99 <= LAST_P99_TARGET_MS && loket.missing === 0 && loket.errors === 0;
    const lines = [
      renderHeader(info, ` · ${SOCKETS} sockets of ${AGENTS} agents (API tokens), websocket`),
      '',
      renderFigures([
        { label: `**to the last of the ${SOCKETS} sockets** (per ticket)`, loket: loket.last, floor: floor?.last, floorLabel: 'floor, to the last socket' },
        { label: 'to each socket (per ticket and socket)', loket: loket.perSocket, floor: floor?.perSocket, floorLabel: 'floor, to each socket' },
        { label: 'HTTP 200 of the webhook', loket: loket.response, floor: floor?.response, floorLabel: 'floor, HTTP 200' },
      ]),
      '',
      `- ${load.count} new tickets (after ${load.warmup} warm-up) at ${load.rate}/s, each from a new customer, to ${SOCKETS} connected sockets ` +
        `(${loket.connectedAtEnd} still connected at the end); errors ${loket.errors}${loket.firstError ? ` (first: ${loket.firstError})` : ''}; ` +
        `(ticket, socket) pairs that never arrived: ${loket.missing}. Timestamps are taken when a socket's frame arrives in the load generator ` +
        `(one process, bare WebSocket clients that do the Socket.IO handshake and read the phone from the frame).`,
    ];
    if (loket.resources) lines.push(`- Load, per ticket: ${describeUsage(loket.resources).replace(/msg/g, 'ticket')}; machine ${(loket.machineBusyBefore * 100).toFixed(0)}% busy just before.`);
    if (floor) {
      lines.push(
        `- Floor: bench/lib/floor-server.ts (the ingest SQL on a bare driver, then one \`io.to(room).emit\`), the same ${SOCKETS} sockets and webhooks; ` +
          `errors ${floor.errors}; never arrived ${floor.missing}${floor.resources ? `; server CPU ${floor.resources.serverCpuMsPerMessage.toFixed(1)} ms/ticket` : ''}.`,
      );
    }
    lines.push(
      `- Server RSS: ${loket.rssConnectedMiB?.toFixed(0) ?? 'n/a'} MiB with the sockets connected, ${loket.rssPeakMiB?.toFixed(0) ?? 'n/a'} MiB at most while the tickets went out ` +
        `(sampled every 100 ms), ${rssEndMiB?.toFixed(0) ?? 'n/a'} MiB at the end` +
        `${floor?.rssConnectedMiB ? ` (floor: ${floor.rssConnectedMiB.toFixed(0)} MiB)` : ''}.`,
    );
    lines.push(NOTES);
    if (kind === 'postgres') {
      lines.push(targetLine(`p99 to the last socket ≤ ${LAST_P99_TARGET_MS} ms on PostgreSQL`, met, `p99 ${ms(loket.last.p99)} ms`));
      lines.push(targetLine(`server RSS ≤ ${RSS_TARGET_MB} MB`, rssPeak * 1.048576 <= RSS_TARGET_MB, `${(rssPeak * 1.048576).toFixed(0)} MB at most`));
    }
    return [
      {
        id: `fan-out:${kind}`,
        heading: `4. Fan-out to ${SOCKETS} sockets — ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
        body: lines.join('\n'),
        json: { info, load, loket, floor, rssEndMiB },
      },
    ];
  },
};
