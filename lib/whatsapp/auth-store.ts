// A linked WhatsApp number's Baileys session in the database (table wa_auth), one row per
// key, so the session survives restarts and moves with the database, not with a folder.
import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { waAuth } from '../db/schema';

/** Row type of the credentials; signal key rows use Baileys' key type names. */
export const CREDS_TYPE = 'creds';
const CREDS_ID = '';

// A fresh pairing writes 812 pre-keys in one set(); chunks keep statements well under
// PostgreSQL's 65,535 parameters and keep each round trip small.
const CHUNK = 500;

export interface WhatsAppAuth {
  /** Pass as `auth` to makeWASocket, with `keys` wrapped by `cachedKeys`. */
  state: AuthenticationState;
  /** Persists `state.creds`, the very object Baileys mutates: call it on every `creds.update`. */
  saveCreds(): Promise<void>;
  /**
   * Deletes every row of the channel (on logout). The handle is dead afterwards: later
   * saveCreds/keys.set calls from a closing socket are ignored so they cannot resurrect
   * the session. Load again for a new pairing.
   */
  clear(): Promise<void>;
  /** True once a phone is linked (creds.me is set), the same test Baileys uses to log in rather than register. */
  hasSession(): boolean;
}

export async function loadWhatsAppAuth(db: Database, channelId: number): Promise<WhatsAppAuth> {
  const [row] = await db
    .select({ value: waAuth.value })
    .from(waAuth)
    .where(and(eq(waAuth.channelId, channelId), eq(waAuth.type, CREDS_TYPE), eq(waAuth.keyId, CREDS_ID)));
  const creds = row ? reviveCreds(row.value, channelId) : initAuthCreds();
  let cleared = false;
  const keys = createKeyStore(db, channelId, () => cleared);
  // Saves run one after another, each encoding the object when it runs: on a pool, two
  // overlapping upserts could commit out of order and leave an older snapshot behind.
  let saving: Promise<void> = Promise.resolve();

  return {
    state: { creds, keys },
    saveCreds() {
      const run = saving.then(async () => {
        if (cleared) return;
        await upsert(db, [{ channelId, type: CREDS_TYPE, keyId: CREDS_ID, value: encode(creds) }]);
      });
      saving = run.catch(() => {});
      return run;
    },
    async clear() {
      cleared = true;
      await db.delete(waAuth).where(eq(waAuth.channelId, channelId));
    },
    hasSession: () => Boolean(creds.me?.id),
  };
}

/** Baileys' in-memory cache in front of the database store, as makeWASocket expects it. */
export function cachedKeys(store: SignalKeyStore, logger?: Parameters<typeof makeCacheableSignalKeyStore>[1]): SignalKeyStore {
  return makeCacheableSignalKeyStore(store, logger);
}

/**
 * The signal key store of one channel. `get` returns only the ids it found; `set` writes
 * one call in one transaction (null = delete); `clear` removes the keys, not the creds.
 */
export function createKeyStore(db: Database, channelId: number, isDead: () => boolean = () => false): SignalKeyStore {
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const part of chunks([...new Set(ids)])) {
        const rows = await db
          .select({ keyId: waAuth.keyId, value: waAuth.value })
          .from(waAuth)
          .where(and(eq(waAuth.channelId, channelId), eq(waAuth.type, type), inArray(waAuth.keyId, part)));
        for (const r of rows) found[r.keyId] = reviveKey(type, r.value);
      }
      return found;
    },

    async set(data: SignalDataSet) {
      if (isDead()) return;
      const upserts: (typeof waAuth.$inferInsert)[] = [];
      const deletes = new Map<string, string[]>();
      for (const [type, values] of Object.entries(data)) {
        if (type === CREDS_TYPE) throw new Error('"creds" is reserved for the credentials row');
        for (const [keyId, value] of Object.entries(values ?? {})) {
          if (value === null || value === undefined) deletes.set(type, [...(deletes.get(type) ?? []), keyId]);
          else upserts.push({ channelId, type, keyId, value: encode(value) });
        }
      }
      if (upserts.length === 0 && deletes.size === 0) return;
      // One lock order for every writer, so two overlapping sets cannot deadlock.
      upserts.sort((a, b) => (a.type === b.type ? compare(a.keyId, b.keyId) : compare(a.type, b.type)));
      // All or nothing: a half-written set leaves sessions and pre-keys out of step, the
      // "Bad MAC" corruption the reference warns about.
      await db.transaction(async (tx) => {
        for (const part of chunks(upserts)) await upsert(tx, part);
        for (const [type, ids] of deletes) {
          for (const part of chunks(ids)) {
            await tx
              .delete(waAuth)
              .where(and(eq(waAuth.channelId, channelId), eq(waAuth.type, type), inArray(waAuth.keyId, part)));
          }
        }
      });
    },

    async clear() {
      await db.delete(waAuth).where(and(eq(waAuth.channelId, channelId), ne(waAuth.type, CREDS_TYPE)));
    },
  };
}

async function upsert(db: Database, rows: (typeof waAuth.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(waAuth)
    .values(rows)
    .onConflictDoUpdate({
      target: [waAuth.channelId, waAuth.type, waAuth.keyId],
      set: { value: sql`excluded.value`, updatedAt: sql`now()` },
    });
}

function encode(value: unknown): string {
  return JSON.stringify(value, BufferJSON.replacer);
}

function reviveCreds(text: string, channelId: number): AuthenticationCreds {
  let creds: AuthenticationCreds;
  try {
    creds = JSON.parse(text, BufferJSON.reviver) as AuthenticationCreds;
  } catch (error) {
    // Never fall back to fresh creds here: that would silently unlink the number.
    throw new Error(`WhatsApp credentials of channel ${channelId} are unreadable; log out and link again`, { cause: error });
  }
  // `account` is a decoded proto when Baileys stores it; its toJSON turns the bytes into
  // base64 strings, which BufferJSON cannot see. fromObject gives the bytes back.
  if (creds.account) creds.account = proto.ADVSignedDeviceIdentity.fromObject(creds.account);
  return creds;
}

function reviveKey<T extends keyof SignalDataTypeMap>(type: T, text: string): SignalDataTypeMap[T] {
  const value: unknown = JSON.parse(text, BufferJSON.reviver);
  // Stored through the proto's toJSON (base64 strings); Baileys needs the proto object back.
  if (type === 'app-state-sync-key') {
    return proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>) as unknown as SignalDataTypeMap[T];
  }
  return value as SignalDataTypeMap[T];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
