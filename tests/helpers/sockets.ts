import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { DatabaseKind } from '../../lib/db/client';
import type { ClientToServerEvents, EventMeta, ServerToClientEvents } from '../../lib/realtime/events';
import { startAppServer, type AppServer, type AppServerOptions } from '../../server/app-server';
import { BASE_URL } from './http';
import { createTestPlace, silentLogger, testConfig } from './runtime';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  server: AppServer;
  url: string;
  close(): Promise<void>;
}

/** What a test may inject into the app server: its clock, timers and how often the sweepers run. */
export type TestServerOptions = Pick<AppServerOptions, 'clock' | 'timers' | 'sweepIntervalMs' | 'heartbeatMs'>;

/** The real app server (hub, outbox, channels; no Next) on a free local port, with a trivial handler. */
export async function startTestServer(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const place = await createTestPlace(kind);
  const config = testConfig(place, { PORT: '0', HOST: '127.0.0.1', LOKET_SIMULATOR: 'on', ...env });
  let server: AppServer;
  try {
    server = await startAppServer({
      ...options,
      config,
      logger: silentLogger,
      baseURL: BASE_URL,
      handler: (_req, res) => void res.writeHead(404).end(),
    });
  } catch (error) {
    await place.cleanup();
    throw error;
  }
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await place.cleanup();
    },
  };
}

export interface Received {
  event: string;
  args: unknown[];
}

/** A client socket that records everything pushed to it, and can wait for a given event. */
export class Client {
  readonly received: Received[] = [];
  private waiters: Array<{ test: (r: Received) => boolean; resolve: (r: Received) => void }> = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((event: string, ...args: unknown[]) => {
      // A burst of new tickets comes as one `tickets:created`: the same as a `ticket:created` each.
      if (event === 'tickets:created') {
        for (const ticket of args[0] as unknown[]) this.record('ticket:created', [ticket, args[1]]);
        return;
      }
      this.record(event, args);
    });
  }

  private record(event: string, args: unknown[]) {
    const record = { event, args };
    this.received.push(record);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(record)) return true;
      w.resolve(record);
      return false;
    });
  }

  /** Events of one name received so far, as their first argument. */
  all<T = unknown>(event: string): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.args[0] as T);
  }

  /**
   * The first event of that name (already received or still to come) whose payload passes `match`.
   * Fails after a few seconds instead of hanging the test when it never comes.
   */
  waitFor<T = unknown>(event: string, match: (payload: T) => boolean = () => true): Promise<T> {
    const test = (r: Received) => r.event === event && match(r.args[0] as T);
    const found = this.received.find(test);
    if (found) return Promise.resolve(found.args[0] as T);
    return new Promise<T>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`no "${event}" matching the expectation arrived`)), 5_000);
      this.waiters.push({
        test,
        resolve: (r) => {
          clearTimeout(guard);
          resolve(r.args[0] as T);
        },
      });
    });
  }

  /**
   * The sequence numbers of every pushed event, in arrival order: the meta is the argument after
   * the payload.
   */
  seqs(): number[] {
    return this.received.filter((r) => r.event !== 'session:hello').map((r) => (r.args[1] as EventMeta | undefined)?.seq ?? NaN);
  }

  /** Resolves with the reason when the server drops this socket; fails after a few seconds if it does not. */
  disconnected(): Promise<string> {
    if (!this.socket.connected) return Promise.resolve('already disconnected');
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error('the server did not disconnect this socket')), 5_000);
      this.socket.once('disconnect', (reason) => {
        clearTimeout(guard);
        resolve(reason);
      });
    });
  }

  close() {
    this.socket.disconnect();
  }
}

/** Disconnects a client and resolves once the server has handled the disconnect (presence updated). */
export async function closeAndWait(app: TestServer, client: Client): Promise<void> {
  const serverSide = client.socket.id ? app.server.hub.io.of('/').sockets.get(client.socket.id) : undefined;
  if (!serverSide) throw new Error('the server does not know this socket');
  const gone = new Promise<void>((resolve) => serverSide.once('disconnect', () => resolve()));
  client.close();
  await gone;
}

/** Connects with an API token (or a cookie); resolves once the hub accepted it, rejects with the refusal. */
export function connect(url: string, auth: { token?: string; cookie?: string } = {}): Promise<Client> {
  const socket: ClientSocket = io(url, {
    autoConnect: false,
    reconnection: false,
    transports: ['websocket'],
    forceNew: true,
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : undefined,
  });
  const client = new Client(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect();
  });
}
