import type { Auth } from './auth/auth';
import type { ChannelRow } from './db/schema';
import type { DatabaseHandle } from './db/client';
import type { Config } from './config';
import type { DomainContext } from './domain/context';
import type { MediaStore } from './media/media-store';
import type { ChannelLink } from './realtime/events';

/** What the server's WhatsApp channel manager lets route handlers ask for. */
export interface WhatsAppControl {
  /** Starts linking or connecting a number (shows a fresh QR when it has no session). */
  start(channelId: number): Promise<void>;
  requestPairingCode(channelId: number, phone: string): Promise<string>;
  /** Logs the number out of WhatsApp and forgets its session. */
  unlink(channelId: number): Promise<void>;
  /** The QR or pairing code being shown for a number right now, if any. */
  currentLink(channelId: number): ChannelLink | null;
}

/** What the custom server builds once and the Next route handlers use: one per process. */
export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  ctx: DomainContext;
  auth: Auth;
  channels: { gateway: ChannelRow; simulator: ChannelRow | null };
  /** Stored media files (attachments in and out). */
  media: MediaStore;
  /** Present once the server runs its WhatsApp channel manager. */
  whatsapp: WhatsAppControl | null;
  startedAt: Date;
  /** Live facts the hub keeps (sockets connected): for health and counts. */
  stats: () => { sockets: number; agents_online: number; staff_online: number };
  /** The last `board:updated` number this process pushed (set by the hub; GET /api/board answers with it). */
  boardSeq?: () => number;
}

// server/index.ts and the Next bundles are separate module graphs: share through globalThis.
const KEY = Symbol.for('loket.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined): void {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error('Loket runtime is not initialised: start the app with `npm run dev` or `npm start`.');
  return runtime;
}

export function hasRuntime(): boolean {
  return Boolean((globalThis as Holder)[KEY]);
}
