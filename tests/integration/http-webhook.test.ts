import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '../../app/api/webhooks/baileys/route';
import { contacts, messages, tickets } from '../../lib/db/schema';
import { signBody } from '../../lib/gateway/signature';
import { setRuntime } from '../../lib/runtime';
import { rowCounts } from '../helpers/fixtures';
import { call, type ErrorBody } from '../helpers/http';
import { databaseTargets } from '../helpers/database';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

const SECRET = 'webhook-test-secret';

interface OkBody {
  status: string;
  ticket_id: number;
  message_id: number;
  duplicate: boolean;
}

/** A POST as the gateway sends it: raw body, signed unless told otherwise. */
function post(raw: string, signature: string | null = signBody(raw, SECRET)) {
  return call<OkBody & ErrorBody>(webhook, '/api/webhooks/baileys', {
    method: 'POST',
    raw,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-loket-signature': signature }) },
  });
}
const body = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'WAMSG-1', from: '628123456789', name: 'Budi', text: 'Halo bot', timestamp: 1767600000, ...fields });

describe.each(databaseTargets())('POST /api/webhooks/baileys on %s', (kind) => {
  let app: TestRuntime;

  beforeAll(async () => {
    app = await startTestRuntime(kind, { env: { GATEWAY_WEBHOOK_SECRET: SECRET } });
  });
  afterAll(() => app?.close());

  const db = () => app.runtime.ctx.db;

  describe('refused requests store nothing', () => {
    let before: Awaited<ReturnType<typeof rowCounts>>;
    beforeAll(async () => {
      before = await rowCounts(db());
      // These run first, on an install that has received nothing yet.
      expect(before).toEqual({ contacts: 0, chats: 0, tickets: 0, messages: 0, ticketEvents: 0 });
    });

    it.each([
      ['no signature', null],
      ['an empty signature', ''],
      ['a signature made with another secret', signBody(body({}), 'not-the-secret')],
      ['a signature of another body', signBody(body({ text: 'something else' }), SECRET)],
      ['a bare hex signature', signBody(body({}), SECRET).replace('sha256=', '')],
    ])('%s: 401 invalid_signature', async (_label, signature) => {
      const res = await post(body({}), signature);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
      expect(await rowCounts(db())).toEqual(before);
    });

    it.each([
      ['malformed JSON', '{"id": "X", "from": ', 'invalid_json'],
      ['an empty body', '', 'invalid_json'],
      ['a missing text', JSON.stringify({ id: 'X', from: '628123456789' }), 'invalid_request'],
      ['a missing id', JSON.stringify({ from: '628123456789', text: 'hi' }), 'invalid_request'],
      ['a numeric from', JSON.stringify({ id: 'X', from: 628123456789, text: 'hi' }), 'invalid_request'],
      ['a timestamp as a string', body({ timestamp: '1767600000' }), 'invalid_request'],
      ['a group JID', body({ from: '120363025246125486@g.us' }), 'invalid_request'],
      ['a status broadcast', body({ from: 'status@broadcast' }), 'invalid_request'],
      ['a from that is not a number', body({ from: 'budi' }), 'invalid_request'],
      ['a JSON array', '[]', 'invalid_request'],
    ])('%s: 400 %s', async (_label, raw, code) => {
      const res = await post(raw);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
      expect(res.body.error.message.length).toBeGreaterThan(5);
      expect(await rowCounts(db())).toEqual(before);
    });

    it('a group JID is refused saying why', async () => {
      const res = await post(body({ from: '120363025246125486@g.us' }));
      expect(res.body.error.message).toMatch(/^from: group/);
    });

    it('a body over 256 KiB: 413', async () => {
      const res = await post(body({ text: 'x'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('body_too_large');
      expect(await rowCounts(db())).toEqual(before);
    });

    it('without GATEWAY_WEBHOOK_SECRET the webhook is off: 503 webhook_disabled', async () => {
      setRuntime({ ...app.runtime, config: { ...app.runtime.config, gatewayWebhookSecret: undefined } });
      try {
        const res = await post(body({}));
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('webhook_disabled');
      } finally {
        setRuntime(app.runtime);
      }
      expect(await rowCounts(db())).toEqual(before);
    });
  });

  it('a signed message: 200 with the ticket and message ids, stored on the gateway channel', async () => {
    const res = await post(body({ id: 'WAMSG-100', from: '+62 812-3456-7001', name: 'Budi', text: 'Halo, pesanan #88 belum sampai' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', ticket_id: expect.any(Number), message_id: expect.any(Number), duplicate: false });

    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, res.body.ticket_id));
    expect(ticket).toMatchObject({ status: 'pending', priority: 'medium', channelId: app.runtime.channels.gateway.id });
    const [message] = await db().select().from(messages).where(eq(messages.id, res.body.message_id));
    expect(message).toMatchObject({
      ticketId: res.body.ticket_id,
      direction: 'in',
      sender: 'customer',
      text: 'Halo, pesanan #88 belum sampai',
      externalId: 'WAMSG-100',
      sentAt: new Date(1767600000 * 1000),
    });
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, ticket!.contactId));
    expect(contact).toMatchObject({ phone: '6281234567001', phoneJid: '6281234567001@s.whatsapp.net', name: 'Budi' });
  });

  it('the same id again: 200 duplicate:true with the same ids, and nothing new stored', async () => {
    const raw = body({ id: 'WAMSG-200', from: '6281234567002' });
    const first = await post(raw);
    const before = await rowCounts(db());
    const again = await post(raw);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'ok', duplicate: true, ticket_id: first.body.ticket_id, message_id: first.body.message_id });
    expect(await rowCounts(db())).toEqual(before);
  });

  it('the same customer as digits or as a JID with a device suffix lands in one ticket', async () => {
    const first = await post(body({ id: 'WAMSG-300', from: '6281234567003' }));
    const second = await post(body({ id: 'WAMSG-301', from: '6281234567003:12@s.whatsapp.net' }));
    const third = await post(body({ id: 'WAMSG-302', from: '6281234567003@c.us', timestamp: undefined }));
    expect(second.body.ticket_id).toBe(first.body.ticket_id);
    expect(third.body.ticket_id).toBe(first.body.ticket_id);
    expect(third.body.duplicate).toBe(false);
    const [ticket] = await db().select().from(tickets).where(eq(tickets.id, first.body.ticket_id));
    expect(ticket?.unreadCount).toBe(3);
  });
});
