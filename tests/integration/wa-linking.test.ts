import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waAuth } from '../../lib/db/schema';
import { createWhatsAppChannel } from '../../lib/domain/channels';
import { databaseTargets } from '../helpers/database';
import { eventually, nextPhone, startWaServer, type WaServer } from '../helpers/whatsapp';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe.each(databaseTargets())('WhatsApp linking on %s', (kind) => {
  let wa: WaServer;
  beforeAll(async () => {
    wa = await startWaServer(kind);
  });
  afterAll(() => wa?.close());

  const linkEvent = (channelId: number, match: { qr?: string | null; pairingCode?: string | null }, from: number) =>
    wa.waitFor(
      (e) =>
        e.type === 'channel.link' &&
        e.channelId === channelId &&
        (match.qr === undefined || e.qr === match.qr) &&
        (match.pairingCode === undefined || e.pairingCode === match.pairingCode),
      from,
    );

  it('a new number shows a QR that rotates; the scan restarts at once (515) and connects with the phone; creds are stored', async () => {
    const channelId = await wa.addNumber('Sales');
    expect(await wa.channel(channelId)).toMatchObject({ status: 'qr', statusReason: expect.stringMatching(/Scan the QR/) });
    const shown = wa.runtime.whatsapp!.currentLink(channelId);
    expect(shown).toEqual({ channel_id: channelId, qr: expect.stringMatching(/^TEST-QR-/), pairing_code: null });

    // WhatsApp rotates the QR: the admins see the new one.
    const rotated = wa.mark();
    wa.latest(channelId).ev.emit('connection.update', { qr: 'ROTATED-QR-2' });
    await linkEvent(channelId, { qr: 'ROTATED-QR-2' }, rotated);
    expect(wa.runtime.whatsapp!.currentLink(channelId)?.qr).toBe('ROTATED-QR-2');
    expect(wa.sockets(channelId)).toHaveLength(1);

    // The phone scans: creds, then 515 "restart required", answered by an immediate new socket.
    const phone = nextPhone();
    const from = wa.mark();
    const since = wa.time.scheduled.length;
    const scanned = wa.latest(channelId);
    scanned.link(phone);
    await wa.waitStatus(channelId, 'connecting', from);
    const restart = await eventually(() => wa.time.scheduled.slice(since).find((t) => wa.time.isPending(t.id)), 'the restart timer');
    expect(restart.ms).toBe(0);
    expect(wa.sockets(channelId)).toHaveLength(1); // not before the (0 ms) timer runs
    wa.time.advance(0);
    const connected = await wa.waitStatus(channelId, 'connected', from);
    expect(connected).toMatchObject({ status: 'connected', phone, status_reason: null });
    expect(scanned.closed).toBe(true);
    expect(wa.sockets(channelId)).toHaveLength(2);
    await linkEvent(channelId, { qr: null, pairingCode: null }, from); // the QR is taken down
    expect(wa.runtime.whatsapp!.currentLink(channelId)).toBeNull();

    // Saved on creds.update, concurrently with the restart.
    const creds = await eventually(
      async () => (await wa.db.select().from(waAuth).where(and(eq(waAuth.channelId, channelId), eq(waAuth.type, 'creds'))))[0],
      'the creds row',
    );
    expect(JSON.parse(creds.value)).toMatchObject({ me: { id: `${phone}:7@s.whatsapp.net` } });
    expect(wa.configs.get(wa.latest(channelId))!.auth.creds.me?.id).toBe(`${phone}:7@s.whatsapp.net`);
  });

  it('a pairing code instead of the QR: returned, shown, status pairing; a rotating QR does not hide it', async () => {
    const channelId = await wa.addNumber('Support');
    const phone = nextPhone();
    const from = wa.mark();
    await expect(wa.runtime.whatsapp!.requestPairingCode(channelId, phone)).resolves.toBe('LOKET123');
    await linkEvent(channelId, { qr: null, pairingCode: 'LOKET123' }, from);
    expect(await wa.channel(channelId)).toMatchObject({ status: 'pairing', statusReason: expect.stringContaining('LOKET123') });
    expect(wa.runtime.whatsapp!.currentLink(channelId)).toEqual({ channel_id: channelId, qr: null, pairing_code: 'LOKET123' });

    wa.latest(channelId).ev.emit('connection.update', { qr: 'ROTATED-UNDER-THE-CODE' });
    await tick();
    expect(wa.runtime.whatsapp!.currentLink(channelId)?.pairing_code).toBe('LOKET123');
    expect((await wa.channel(channelId)).status).toBe('pairing');

    // Typing the code on the phone links it like a scan.
    await wa.scan(channelId, phone);
    expect(await wa.channel(channelId)).toMatchObject({ status: 'connected', phone });
    expect(wa.runtime.whatsapp!.currentLink(channelId)).toBeNull();
  });

  it('a pairing code asked for a number that was never started starts it and answers once WhatsApp is ready', async () => {
    const channel = await createWhatsAppChannel(wa.ctx, { name: 'Cold start' });
    await expect(wa.runtime.whatsapp!.requestPairingCode(channel.id, nextPhone())).resolves.toBe('LOKET123');
    expect((await wa.channel(channel.id)).status).toBe('pairing');
    expect(wa.sockets(channel.id)).toHaveLength(1);
  });

  it('unlink logs out, deletes the session rows and never reconnects; linking again starts from a QR', async () => {
    const { channelId, sock } = await wa.linkNumber('Billing');
    await eventually(async () => (await wa.authRows(channelId)) > 0, 'the creds to be saved'); // saved concurrently with the restart
    await wa.runtime.whatsapp!.unlink(channelId);
    expect(await wa.channel(channelId)).toMatchObject({ status: 'logged_out', statusReason: expect.stringMatching(/Unlinked/) });
    expect(await wa.authRows(channelId)).toBe(0);
    expect(sock.closed).toBe(true);
    expect(wa.server.channels.registry.adapterFor(channelId)).toBeUndefined();

    wa.time.advance(60 * 60_000);
    await tick();
    expect(wa.sockets(channelId)).toHaveLength(2);

    const from = wa.mark();
    await wa.runtime.whatsapp!.start(channelId);
    await linkEvent(channelId, { pairingCode: null }, from);
    await wa.waitStatus(channelId, 'qr', from);
    expect(wa.configs.get(wa.latest(channelId))!.auth.creds.me).toBeUndefined();
  });

  it('a restarted server reconnects a linked number by itself, without a QR; an unscanned QR goes back to new', async () => {
    const first = await startWaServer(kind, { keepPlace: true });
    let second: WaServer | null = null;
    try {
      const { channelId, phone } = await first.linkNumber('Restart');
      const unscanned = await first.addNumber('Never scanned');
      await first.close();

      second = await startWaServer(kind, { place: first.place });
      const s = second;
      await s.waitConnected(channelId);
      expect(s.sockets(channelId)).toHaveLength(1);
      expect(s.configs.get(s.latest(channelId))!.auth.creds.me?.id).toBe(`${phone}:7@s.whatsapp.net`);
      expect(s.runtime.whatsapp!.currentLink(channelId)).toBeNull();
      expect(s.events.some((e) => e.type === 'channel.link' && e.qr)).toBe(false);
      expect(await s.channel(channelId)).toMatchObject({ status: 'connected', phone });

      expect(await s.channel(unscanned)).toMatchObject({ status: 'new', statusReason: expect.stringMatching(/Not linked yet/) });
      expect(s.sockets(unscanned)).toHaveLength(0);
    } finally {
      if (second) await second.close();
      else await first.place.cleanup();
    }
  });

  it.runIf(kind === 'postgres')('two servers on one PostgreSQL: one owns a number; the other takes over when it stops', async () => {
    const a = await startWaServer(kind, { keepPlace: true });
    let b: WaServer | null = null;
    try {
      const { channelId, phone } = await a.linkNumber('Shared');
      b = await startWaServer(kind, { place: a.place, takeoverMs: 15_000 });
      const other = b;
      expect(other.sockets(channelId)).toHaveLength(0);
      await expect(other.runtime.whatsapp!.start(channelId)).rejects.toMatchObject({ status: 409, code: 'channel_owned_elsewhere' });
      await expect(other.runtime.whatsapp!.unlink(channelId)).rejects.toMatchObject({ status: 409 });
      expect(other.server.channels.registry.adapterFor(channelId)).toBeUndefined();

      // Its takeover check leaves the number alone while the owner runs it.
      const since = other.time.scheduled.length;
      other.time.advance(15_000);
      await eventually(() => other.time.scheduled.length > since, 'the next takeover check to be planned');
      expect(other.sockets(channelId)).toHaveLength(0);

      await a.close();
      other.time.advance(15_000);
      await other.waitConnected(channelId);
      expect(other.sockets(channelId)).toHaveLength(1);
      expect(other.configs.get(other.latest(channelId))!.auth.creds.me?.id).toBe(`${phone}:7@s.whatsapp.net`);
      expect(other.server.channels.registry.adapterFor(channelId)).toBeDefined();
      expect(await other.channel(channelId)).toMatchObject({ status: 'connected', phone });
    } finally {
      if (b) await b.close();
      else await a.place.cleanup();
    }
  });
});
