// A stand-in for WhatsApp's servers, for tests and the end-to-end run (LOKET_WA_TEST_SOCKET=1):
// Baileys' own event emitter, Baileys' own message builders and protobufs, and the socket
// methods Loket calls. Everything above it (connection, inbound, outbox) is the real code.
import {
  type AnyMessageContent,
  type AuthenticationCreds,
  generateWAMessage,
  jidNormalizedUser,
  makeEventBuffer,
  type MiscMessageGenerationOptions,
  proto,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import type { SocketFactory, WASocketLike } from './socket';

export interface SentRecord {
  jid: string;
  content: AnyMessageContent;
  message: WAMessage;
}

const closeError = (statusCode: number, message: string) => Object.assign(new Error(message), { output: { statusCode } });

export class TestSocket {
  readonly ev = makeEventBuffer(pino({ level: 'silent' }));
  readonly sent: SentRecord[] = [];
  readonly reads: WAMessageKey[] = [];
  readonly presence: { type: string; jid?: string }[] = [];
  readonly lidToPn = new Map<string, string>();
  closed = false;
  private readonly creds: AuthenticationCreds;

  constructor(
    config: UserFacingSocketConfig,
    readonly channelId: number,
  ) {
    this.creds = config.auth.creds;
    // Like Baileys: 'connecting' on the next tick, then a login (linked) or QR codes (not yet).
    setImmediate(() => {
      if (this.closed) return;
      this.ev.emit('connection.update', { connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
      if (this.creds.me?.id) this.ev.emit('connection.update', { connection: 'open' });
      else this.ev.emit('connection.update', { qr: `TEST-QR-${Date.now().toString(36)}` });
    });
  }

  get user() {
    return this.creds.me ? { id: this.creds.me.id, name: this.creds.me.name } : undefined;
  }

  /** The phone scanned the QR: creds are written, then WhatsApp asks for a restart (515). */
  link(phone: string) {
    this.creds.me = { id: `${phone}:7@s.whatsapp.net`, name: 'Loket test phone', lid: `${phone}0:7@lid` };
    this.ev.emit('creds.update', { me: this.creds.me });
    this.ev.emit('connection.update', { isNewLogin: true, qr: undefined });
    this.drop(515, 'Stream Errored (restart required)');
  }

  /** A customer's message arriving as Baileys delivers it. */
  receive(messages: WAMessage[], type: 'notify' | 'append' = 'notify') {
    this.ev.emit('messages.upsert', { messages, type });
  }

  /** A delivery or read receipt for one of our messages. */
  receipt(id: string, status: proto.WebMessageInfo.Status, remoteJid?: string) {
    const sent = this.sent.find((s) => s.message.key.id === id);
    this.ev.emit('messages.update', [
      { key: { remoteJid: remoteJid ?? sent?.jid ?? '', fromMe: true, id }, update: { status } },
    ]);
  }

  drop(statusCode: number, message = 'Connection Closed') {
    if (this.closed) return;
    this.closed = true;
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: closeError(statusCode, message), date: new Date() } });
  }

  readonly socket: WASocketLike = {
    ev: this.ev,
    user: undefined,
    signalRepository: {
      lidMapping: { getPNForLID: async (lid: string) => this.lidToPn.get(jidNormalizedUser(lid)) ?? null },
    } as unknown as WASocketLike['signalRepository'],
    sendMessage: async (jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions) => {
      if (this.closed) throw closeError(428, 'Connection Closed');
      const message = await generateWAMessage(jid, content, {
        userJid: this.creds.me?.id ?? 'test@s.whatsapp.net',
        messageId: options?.messageId,
        // No WhatsApp CDN here: the (really encrypted) file "uploads" nowhere.
        upload: async () => ({ mediaUrl: 'https://mmg.whatsapp.net/test', directPath: '/test' }),
      });
      this.sent.push({ jid, content, message });
      // emitOwnEvents: the send comes back as an 'append' upsert, as it does from Baileys.
      this.ev.emit('messages.upsert', { messages: [message], type: 'append' });
      return message;
    },
    readMessages: async (keys: WAMessageKey[]) => {
      this.reads.push(...keys);
    },
    sendPresenceUpdate: async (type, jid) => {
      this.presence.push({ type, jid });
    },
    updateMediaMessage: async (message: WAMessage) => message,
    requestPairingCode: async (phone: string) => {
      this.creds.pairingCode = 'LOKET123';
      this.creds.me = { id: `${phone}@s.whatsapp.net`, name: '~' };
      return 'LOKET123';
    },
    logout: async () => {
      this.drop(401, 'Intentional Logout');
    },
    end: async () => {
      this.drop(428, 'Connection Closed');
    },
  };
}

/** A socket factory that records every socket it makes, newest last. */
export function createTestSocketFactory() {
  const sockets: TestSocket[] = [];
  const factory: SocketFactory = (config, channelId) => {
    const test = new TestSocket(config, channelId);
    Object.defineProperty(test.socket, 'user', { get: () => test.user });
    sockets.push(test);
    return test.socket;
  };
  return {
    factory,
    sockets,
    /** The newest socket of a channel: the live one (earlier ones were closed). */
    latest: (channelId?: number) => sockets.filter((s) => channelId === undefined || s.channelId === channelId).at(-1) ?? null,
  };
}

/** A customer's text as Baileys' decodeMessageNode produces it (plain key, numeric time). */
export function customerText(options: { id: string; from: string; text: string; pushName?: string; alt?: string }): WAMessage {
  return {
    key: { remoteJid: options.from, remoteJidAlt: options.alt, fromMe: false, id: options.id },
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: options.pushName,
    broadcast: false,
    message: proto.Message.fromObject({ conversation: options.text }),
  };
}
