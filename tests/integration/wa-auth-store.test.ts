import { randomBytes } from 'node:crypto';
import { initAuthCreds, proto, type SignalDataSet, type SignalKeyStore } from '@whiskeysockets/baileys';
import { and, count, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, waAuth } from '../../lib/db/schema';
import { cachedKeys, createKeyStore, loadWhatsAppAuth } from '../../lib/whatsapp/auth-store';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

const logger = pino({ level: 'silent' });
const bytes = (n = 32) => randomBytes(n);

/** One realistic value per key type Baileys 7 writes. */
function sampleKeys(): SignalDataSet {
  return {
    'pre-key': { '1': { public: bytes(), private: bytes() }, '2': { public: bytes(), private: bytes() } },
    session: { '15551234567.0': bytes(120), '123456789012345_1.3': bytes(90) },
    'sender-key': { '120363@g.us::15551234567::0': bytes(64) },
    'sender-key-memory': { '120363@g.us': { '15551234567:0@s.whatsapp.net': true } },
    'app-state-sync-key': {
      AAAAAOdK: proto.Message.AppStateSyncKeyData.fromObject({
        keyData: bytes(),
        fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 2] },
        timestamp: 1_767_600_000_000,
      }),
    },
    'app-state-sync-version': {
      regular_high: { version: 12, hash: bytes(128), indexValueMap: { 'aGVsbG8=': { valueMac: bytes() } } },
    },
    'lid-mapping': { '15551234567': '123456789012345', '123456789012345_reverse': '15551234567' },
    'device-list': { '15551234567': ['0', '3', '12'] },
    tctoken: { '123456789012345@lid': { token: bytes(16), timestamp: '1767600000' } },
    'identity-key': { '123456789012345_1.0': bytes(33) },
  };
}

describe.each(databaseTargets())('WhatsApp auth store on %s', (kind) => {
  let database: TestDatabase;
  let nextName = 0;

  const newChannel = async () => {
    const [row] = await database.db
      .insert(channels)
      .values({ kind: 'baileys', name: `wa-${kind}-${nextName++}`, status: 'new' })
      .returning();
    return row!.id;
  };
  const rowCount = async (channelId: number, type?: string) => {
    const where = type ? and(eq(waAuth.channelId, channelId), eq(waAuth.type, type)) : eq(waAuth.channelId, channelId);
    const [row] = await database.db.select({ n: count() }).from(waAuth).where(where);
    return row!.n;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.destroy());

  it('get of missing ids returns only what exists (an empty object at first)', async () => {
    const keys = createKeyStore(database.db, await newChannel());
    expect(await keys.get('pre-key', ['1', '2'])).toEqual({});
    expect(await keys.get('session', [])).toEqual({});
    await keys.set({ 'pre-key': { '1': { public: bytes(), private: bytes() } } });
    expect(Object.keys(await keys.get('pre-key', ['1', '2', '3']))).toEqual(['1']);
  });

  it('round-trips every key type; bytes come back as Buffers, app-state keys as proto objects', async () => {
    const keys = createKeyStore(database.db, await newChannel());
    const data = sampleKeys();
    await keys.set(data);
    for (const [type, values] of Object.entries(data) as [keyof SignalDataSet, Record<string, unknown>][]) {
      const got = await keys.get(type, Object.keys(values));
      if (type === 'app-state-sync-key') continue;
      expect(got, type).toEqual(values);
    }
    const pre = await keys.get('pre-key', ['1']);
    expect(Buffer.isBuffer(pre['1']!.public)).toBe(true);
    const session = await keys.get('session', ['15551234567.0']);
    expect(Buffer.isBuffer(session['15551234567.0'])).toBe(true);
    const tc = await keys.get('tctoken', ['123456789012345@lid']);
    expect(Buffer.isBuffer(tc['123456789012345@lid']!.token)).toBe(true);

    const sent = data['app-state-sync-key']!.AAAAAOdK!;
    const { AAAAAOdK: got } = await keys.get('app-state-sync-key', ['AAAAAOdK']);
    expect(got).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(got!.keyData!)).toEqual(Buffer.from(sent.keyData!));
    expect(got!.fingerprint?.deviceIndexes).toEqual([0, 2]);
    expect(Number(got!.timestamp)).toBe(1_767_600_000_000);
  });

  it('null deletes the row; a later set overwrites', async () => {
    const channelId = await newChannel();
    const keys = createKeyStore(database.db, channelId);
    await keys.set({ session: { a: bytes(8), b: bytes(8) } });
    const replacement = bytes(8);
    await keys.set({ session: { a: null, b: replacement } });
    expect(await keys.get('session', ['a', 'b'])).toEqual({ b: replacement });
    expect(await rowCount(channelId, 'session')).toBe(1);
  });

  it('writes a first pairing of 812 pre-keys in one set', async () => {
    const channelId = await newChannel();
    const keys = createKeyStore(database.db, channelId);
    const preKeys = Object.fromEntries(Array.from({ length: 812 }, (_, i) => [String(i + 1), { public: bytes(), private: bytes() }]));
    await keys.set({ 'pre-key': preKeys });
    expect(await rowCount(channelId, 'pre-key')).toBe(812);
    expect(await keys.get('pre-key', ['1', '812'])).toEqual({ '1': preKeys['1'], '812': preKeys['812'] });
  });

  it('one set is atomic: when a later statement fails, nothing of it is written', async () => {
    const channelId = await newChannel();
    const keys = createKeyStore(database.db, channelId);
    await keys.set({ session: { keep: bytes(8) } });
    // PostgreSQL text cannot hold NUL, so the statement carrying that id fails for real,
    // after the statements before it in the same transaction have run.
    const failingDelete: SignalDataSet = { 'pre-key': { '1': { public: bytes(), private: bytes() } }, session: { keep: null, 'bad\u0000id': null } };
    await expect(keys.set(failingDelete)).rejects.toThrow();
    const manyThenBad = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [String(i).padStart(4, '0'), bytes(8)]));
    manyThenBad['zzz\u0000'] = bytes(8); // sorts last: the first 500-row chunk is inserted before it fails
    await expect(keys.set({ 'sender-key': manyThenBad })).rejects.toThrow();
    expect(await rowCount(channelId, 'pre-key')).toBe(0);
    expect(await rowCount(channelId, 'sender-key')).toBe(0);
    expect(Object.keys(await keys.get('session', ['keep']))).toEqual(['keep']);
  });

  it('creds: initAuthCreds on first load, saved object is the mutated one, reload equals with Buffers', async () => {
    const channelId = await newChannel();
    const first = await loadWhatsAppAuth(database.db, channelId);
    expect(Object.keys(first.state.creds).sort()).toEqual(Object.keys(initAuthCreds()).sort());
    expect(first.hasSession()).toBe(false);
    expect(await rowCount(channelId)).toBe(0); // loading writes nothing
    await first.saveCreds();

    // What the socket does on creds.update: Object.assign on the same object.
    Object.assign(first.state.creds, {
      me: { id: '15551234567:12@s.whatsapp.net', lid: '123456789012345:12@lid', name: 'Loket' },
      routingInfo: bytes(12),
      nextPreKeyId: 813,
      account: proto.ADVSignedDeviceIdentity.fromObject({
        details: bytes(40),
        accountSignatureKey: bytes(),
        accountSignature: bytes(64),
        deviceSignature: bytes(64),
      }),
    });
    await first.saveCreds();
    expect(await rowCount(channelId, 'creds')).toBe(1);

    const again = await loadWhatsAppAuth(database.db, channelId);
    const creds = again.state.creds;
    expect(again.hasSession()).toBe(true);
    expect(creds).toEqual(first.state.creds);
    expect(Buffer.isBuffer(creds.noiseKey.private)).toBe(true);
    expect(Buffer.isBuffer(creds.signedPreKey.keyPair.public)).toBe(true);
    expect(Buffer.isBuffer(creds.routingInfo)).toBe(true);
    expect(creds.account?.details).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(creds.account!.details!)).toEqual(Buffer.from(first.state.creds.account!.details!));
  });

  it('works behind makeCacheableSignalKeyStore, deletes included', async () => {
    const channelId = await newChannel();
    const raw = createKeyStore(database.db, channelId);
    const cached = cachedKeys(raw, logger);
    const data = sampleKeys();
    await cached.set(data);
    expect(await cached.get('lid-mapping', ['15551234567'])).toEqual({ '15551234567': '123456789012345' });
    await cached.set({ 'pre-key': { '1': null } });
    expect(await raw.get('pre-key', ['1', '2'])).toEqual({ '2': data['pre-key']!['2'] });
    expect((await cached.get('pre-key', ['1']))['1']).toBeFalsy();
    // A fresh cache (a restarted process) reads the same state from the database.
    const fresh: SignalKeyStore = cachedKeys(createKeyStore(database.db, channelId), logger);
    expect(await fresh.get('device-list', ['15551234567'])).toEqual({ '15551234567': ['0', '3', '12'] });
    const { AAAAAOdK: appKey } = await fresh.get('app-state-sync-key', ['AAAAAOdK']);
    expect(appKey).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
  });

  it('channels are isolated; clear() removes only that channel, and keys.clear keeps the creds', async () => {
    const a = await loadWhatsAppAuth(database.db, await newChannel());
    const bId = await newChannel();
    const b = await loadWhatsAppAuth(database.db, bId);
    await a.state.keys.set({ session: { same: Buffer.from('a') } });
    await b.state.keys.set({ session: { same: Buffer.from('b') }, 'pre-key': { '9': { public: bytes(), private: bytes() } } });
    await Promise.all([a.saveCreds(), b.saveCreds()]);
    expect(await a.state.keys.get('session', ['same'])).toEqual({ same: Buffer.from('a') });
    expect(await b.state.keys.get('session', ['same'])).toEqual({ same: Buffer.from('b') });

    await a.clear();
    expect(await a.state.keys.get('session', ['same'])).toEqual({});
    expect(await rowCount(bId)).toBe(3);
    // A dying socket's late writes must not bring the logged-out session back.
    await a.saveCreds();
    await a.state.keys.set({ session: { late: bytes(4) } });
    expect(await a.state.keys.get('session', ['late'])).toEqual({});
    expect((await loadWhatsAppAuth(database.db, bId)).state.creds).toEqual(b.state.creds);

    await b.state.keys.clear!();
    expect(await rowCount(bId)).toBe(1);
    expect(await rowCount(bId, 'creds')).toBe(1);
  });
});
