// The floor: the least any server could do for one webhook. A bare node:http server reads the
// JSON, runs ingest's SQL transaction (bench/lib/floor-sql.ts) straight on postgres.js or PGlite,
// and makes one bare Socket.IO emit: no auth, no signature check, no validation, no ORM, no
// Next.js, no outbox. Started by bench/lib/floor.ts as its own process, like the real server:
//   node --import tsx bench/lib/floor-server.ts   (env: PORT, DATABASE_URL or FLOOR_PGLITE_DIR, FLOOR_BOT_ACK)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import postgres from 'postgres';
import { Server } from 'socket.io';
import { createPgliteStatements } from '../../lib/db/pglite-prepared';
import { type FloorMessage, type FloorOutcome, ingestStatements, type Run } from './floor-sql';

type Transaction = (work: (run: Run) => Promise<FloorOutcome>) => Promise<FloorOutcome>;

async function openDatabase(): Promise<{ transaction: Transaction; channelId: number }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const sql = postgres(url, { max: 20, onnotice: () => {} });
    const [channel] = await sql`select id from channels where kind = 'gateway' limit 1`;
    return {
      channelId: Number(channel?.id),
      // Named prepared statements, as Loket's client uses (lib/db/client.ts), and BEGIN sent
      // with the first statements, as lib/db/pipelined-transaction.ts does.
      transaction: async (work) => {
        const tx = await sql.reserve();
        try {
          tx.unsafe('begin').execute().catch(() => {}); // a failed BEGIN fails the statements behind it
          const out = await work((text, params) => tx.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }));
          await tx.unsafe('commit');
          return out;
        } catch (error) {
          await tx.unsafe('rollback').catch(() => {});
          throw error;
        } finally {
          tx.release();
        }
      },
    };
  }
  const pg = new PGlite({ dataDir: process.env.FLOOR_PGLITE_DIR, extensions: { pg_trgm } }); // as lib/db/client.ts: contacts has trigram indexes
  await pg.waitReady;
  const { rows } = await pg.query<{ id: number }>(`select id from channels where kind = 'gateway' limit 1`);
  const statements = createPgliteStatements(pg);
  return {
    channelId: Number(rows[0]?.id),
    // Statements prepared from their second run, as Loket's PGlite client does (lib/db/pglite-prepared.ts).
    transaction: (work) =>
      pg.transaction((tx) =>
        work(async (text, params) => (await statements.run(text, params, undefined, true, () => tx.query(text, params))).rows as Record<string, unknown>[]),
      ),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

async function main() {
  const db = await openDatabase();
  if (!Number.isFinite(db.channelId)) throw new Error('no gateway channel in the floor database');
  const botAck = process.env.FLOOR_BOT_ACK !== 'off';
  const http = createServer((req, res) => void handle(req, res));
  const io = new Server(http);
  io.on('connection', (socket) => {
    void socket.join('staff');
    socket.on('ticket:watch', (id: unknown, ack: unknown) => {
      void socket.join(`ticket:${Number(id)}`);
      if (typeof ack === 'function') ack({ ok: true });
    });
    socket.emit('session:hello', {});
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    try {
      if (req.method === 'GET' && req.url === '/api/health') return send(res, 200, { status: 'ok' });
      if (req.method !== 'POST' || req.url !== '/api/webhooks/baileys') return send(res, 404, {});
      const m = JSON.parse(await readBody(req)) as FloorMessage;
      const out = await db.transaction((run) => ingestStatements(run, db.channelId, m, botAck));
      if (out.created) io.to('staff').emit('ticket:created', { ...out.ticket, customer_phone: out.phone });
      else io.to(`ticket:${String(out.ticket.id)}`).emit('message:created', { message: out.message, ticket_id: out.ticket.id });
      send(res, 200, { status: 'ok', ticket_id: out.ticket.id, message_id: out.message.id, ticket_created: out.created });
    } catch (error) {
      send(res, 500, { error: { code: 'floor_failed', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  http.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
  process.once('SIGTERM', () => {
    void io.close();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
