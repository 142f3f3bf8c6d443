import makeWASocket from '@whiskeysockets/baileys';
import type { SocketFactory } from './socket';

export const createRealSocket: SocketFactory = (config) => makeWASocket(config);
