import { parseArgs } from 'node:util';

export const USAGE = `npm run bench [-- options]      (build first: npm run build)
  --scenario a,b           which scenarios (default: all; see the list below)
  --rate 50[,200,…]        arrivals per second, one measured run per rate (default: each scenario's own)
  --count 3000             measured messages per run (default: each scenario's own, ≥ 1,000)
  --warmup 600             messages sent first and discarded (default: 3 s at the run's rate, 50–1,000)
  --sockets 200            agent sockets connected (each one's arrival is measured)
  --tickets 1000,10000     tickets already in the database (growth scenario; default 1000,10000,100000)
  --floor on|off|only      the bare-script floor runs (default on; off or only: quicker, for development)
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
  /** Scenario names to run, in order (empty: all). */
  scenarios: string[];
  /** --rate and --count, when given, replace a scenario's own choice. */
  rates: number[] | null;
  count: number | null;
  tickets: number[] | null;
  /** Measure Loket, the floor, or both. */
  floor: 'on' | 'off' | 'only';
  /** --warmup, when given, replaces the automatic warm-up (compare.ts: warmupFor). */
  warmup: number | null;
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

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, scenarioList = ''): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: '' },
      rate: { type: 'string' },
      count: { type: 'string' },
      tickets: { type: 'string' },
      floor: { type: 'string', default: 'on' },
      warmup: { type: 'string' },
      sockets: { type: 'string', default: '200' },
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
    console.log(`${USAGE}\n\nScenarios:\n${scenarioList}`);
    process.exit(0);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const targets = (values.targets ?? (databaseUrl ? 'pglite,postgres' : 'pglite')).split(',');
  const unknown = targets.filter((t) => t !== 'pglite' && t !== 'postgres');
  if (unknown.length) throw new Error(`unknown target ${unknown.join(', ')}: use pglite and/or postgres`);
  if (targets.includes('postgres') && !databaseUrl) throw new Error('the postgres target needs DATABASE_URL');
  const list = (v: string | undefined, name: string) => {
    if (v === undefined) return null;
    const numbers = v.split(',').map(Number);
    if (numbers.some((r) => !(r > 0))) throw new Error(`--${name} takes positive numbers, e.g. 50 or 50,200`);
    return numbers;
  };
  if (!['on', 'off', 'only'].includes(values.floor)) throw new Error('--floor takes on, off or only');
  if (values['bot-ack'] !== 'on' && values['bot-ack'] !== 'off') throw new Error('--bot-ack takes on or off');
  return {
    scenarios: values.scenario.split(',').filter(Boolean),
    rates: list(values.rate, 'rate'),
    count: values.count === undefined ? null : Number(values.count),
    tickets: list(values.tickets, 'tickets'),
    floor: values.floor as BenchOptions['floor'],
    warmup: values.warmup === undefined ? null : Number(values.warmup),
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
