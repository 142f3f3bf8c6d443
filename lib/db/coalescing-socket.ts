import net from 'node:net';

const HELD_BYTES = 1024 * 1024;

/** The parts of postgres.js's parsed options a socket is opened from. */
export interface SocketTarget {
  host: string[];
  port: number[];
  path?: string;
}

/**
 * A connection to PostgreSQL whose writes within one turn of the event loop leave in one
 * system call. postgres.js writes each statement at once when its buffer passes 1 KiB, so a
 * batch of messages written together (lib/db/write-together.ts) cost a write, and a wake-up
 * of PostgreSQL, per statement. Corked until the turn's callbacks and promise reactions have
 * run, they go as one. The socket is returned while it connects: what is written first is
 * held until it is open, as postgres.js's own custom-socket path expects.
 */
export function openCoalescingSocket(target: SocketTarget, onFlush: () => void = () => {}): net.Socket {
  // postgres.js stops sending, and waits a round trip per statement, when a write reports the
  // buffer full; held for the turn, a batch's statements pass the default 16 KiB.
  // Node's Socket passes stream options on; its types do not list them.
  const socket = new net.Socket({ writableHighWaterMark: HELD_BYTES } as net.SocketConstructorOpts);
  if (target.path) socket.connect(target.path);
  else socket.connect(target.port[0]!, target.host[0]!);
  let corked = false;
  const uncork = () => {
    corked = false;
    onFlush();
    socket.uncork();
  };
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return (net.Socket.prototype.write as (...args: unknown[]) => boolean).apply(socket, args);
  }) as typeof socket.write;
  return socket;
}

/** Only a single host: postgres.js's own sockets try several hosts in turn, and this one would not. */
export function canCoalesce(url: string): boolean {
  try {
    const { hostname, searchParams } = new URL(url);
    return !hostname.includes(',') && !searchParams.has('host');
  } catch {
    return false;
  }
}
