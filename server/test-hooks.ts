// LOKET_WA_TEST_SOCKET=1 only: lets the end-to-end test play WhatsApp's side of a linked
// number (scan the QR, a customer writes, a receipt comes back) through the test socket.
// Nothing here is reachable in a normal run.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { proto } from '@whiskeysockets/baileys';
import { customerText, type createTestSocketFactory } from './channels/baileys/test-socket';

type TestSockets = ReturnType<typeof createTestSocketFactory>;

const STATUS = { delivered: proto.WebMessageInfo.Status.DELIVERY_ACK, read: proto.WebMessageInfo.Status.READ } as const;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
}

export function createWhatsAppTestHooks(sockets: TestSockets) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = /^\/__test\/whatsapp\/(\d+)\/(\w+)$/.exec(req.url ?? '');
    if (!match) return false;
    const socket = sockets.latest(Number(match[1]));
    if (!socket) return send(res, 404, { error: 'no socket for this channel yet' });
    const body = req.method === 'POST' ? await readJson(req) : {};
    switch (match[2]) {
      case 'link':
        socket.link(String(body.phone));
        return send(res, 200, { ok: true });
      case 'inbound':
        socket.receive([
          customerText({ id: String(body.id), from: `${String(body.from)}@s.whatsapp.net`, text: String(body.text), pushName: String(body.name ?? '') }),
        ]);
        return send(res, 200, { ok: true });
      case 'receipt':
        socket.receipt(String(body.id), STATUS[body.status === 'read' ? 'read' : 'delivered']);
        return send(res, 200, { ok: true });
      case 'sent':
        return send(res, 200, socket.sent.map((s) => ({ jid: s.jid, id: s.message.key.id, content: s.content })));
      default:
        return send(res, 404, { error: 'unknown test hook' });
    }
  };
}
