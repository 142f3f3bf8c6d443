import { parseArgs } from 'node:util';

export const USAGE = `npm run bench [-- options]      (build first: npm run build)
  --rate 50[,200,…]        arrivals per second, one measured run per rate (default 50)
  --count 3000             measured messages per run (≥ 1,000), each from a new customer
  --warmup 50              messages sent first and discarded
  --sockets 1              agent sockets listening for ticket:created
  --settle 5000            ms to wait for late events after the last send
  --targets pglite,postgres  default: pglite, plus postgres when DATABASE_URL is set
  --bot-ack on|off         the bot's acknowledgement of new tickets (default on, as shipped)
  --attempts 3             repeat a run disturbed by other work on the machine, keep the least disturbed
  --quiet-wait 120000      ms to wait for an idle machine before each measured run
  --cpu-prof               write a .cpuprofile of the server under tmp/bench-*/
  --server-node-args "…"   extra node flags for the server (use --server-node-args=… for flags)
  --keep                   keep tmp/bench-*/ (server logs) after a successful run
  --no-write               do not update bench/RESULTS.md`;

export type TargetKind = 'pglite' | 'postgres';

export interface BenchOptions {
  rates: number[];
  count: number;
  warmup: number;
  sockets: number;
  settleMs: number;
  targets: TargetKind[];
  botAck: boolean;
  attempts: number;
  quietWaitMs: number;
  cpuProf: boolean;
  serverNodeArgs: string[];
  write: boolean;
  keep: boolean;
  databaseUrl: string | undefined;
  /** How this run was started, for the results (credentials hidden). */
  command: string;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '50' },
      count: { type: 'string', default: '3000' },
      warmup: { type: 'string', default: '50' },
      sockets: { type: 'string', default: '1' },
      settle: { type: 'string', default: '5000' },
      targets: { type: 'string' },
      'bot-ack': { type: 'string', default: 'on' },
      attempts: { type: 'string', default: '3' },
      'quiet-wait': { type: 'string', default: '120000' },
      'cpu-prof': { type: 'boolean', default: false },
      'server-node-args': { type: 'string', default: '' },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const targets = (values.targets ?? (databaseUrl ? 'pglite,postgres' : 'pglite')).split(',');
  const unknown = targets.filter((t) => t !== 'pglite' && t !== 'postgres');
  if (unknown.length) throw new Error(`unknown target ${unknown.join(', ')}: use pglite and/or postgres`);
  if (targets.includes('postgres') && !databaseUrl) throw new Error('the postgres target needs DATABASE_URL');
  const rates = values.rate.split(',').map(Number);
  if (rates.some((r) => !(r > 0))) throw new Error('--rate takes positive numbers, e.g. 50 or 50,200');
  if (values['bot-ack'] !== 'on' && values['bot-ack'] !== 'off') throw new Error('--bot-ack takes on or off');
  return {
    rates,
    count: Number(values.count),
    warmup: Number(values.warmup),
    sockets: Math.max(1, Number(values.sockets)),
    settleMs: Number(values.settle),
    targets: targets as TargetKind[],
    botAck: values['bot-ack'] === 'on',
    attempts: Math.max(1, Number(values.attempts)),
    quietWaitMs: Number(values['quiet-wait']),
    cpuProf: values['cpu-prof'],
    serverNodeArgs: values['server-node-args'].split(' ').filter(Boolean),
    write: !values['no-write'],
    keep: values.keep || values['cpu-prof'],
    databaseUrl,
    command: commandLine(argv, databaseUrl, env),
  };
}

function commandLine(argv: string[], databaseUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  let prefix = '';
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    prefix = `DATABASE_URL=${url.toString()} `;
  }
  const args = argv.map((a) => (/[\s"']/.test(a) ? `'${a}'` : a)).join(' ');
  if (env.npm_lifecycle_event === 'bench') return `${prefix}npm run bench${args ? ` -- ${args}` : ''}`;
  return `${prefix}node --import tsx bench/run.ts ${args}`.trim();
}
