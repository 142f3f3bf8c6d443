import type { UserFacingSocketConfig, WASocket } from '@whiskeysockets/baileys';

/**
 * The part of a Baileys socket Loket uses. The real one comes from makeWASocket; tests and
 * the end-to-end fake build an object of this shape around Baileys' own event emitter.
 */
export type WASocketLike = Pick<
  WASocket,
  | 'ev'
  | 'sendMessage'
  | 'readMessages'
  | 'sendPresenceUpdate'
  | 'updateMediaMessage'
  | 'requestPairingCode'
  | 'logout'
  | 'end'
  | 'user'
  | 'signalRepository'
>;

/** Makes the socket of one channel (the id lets a test double tell numbers apart). */
export type SocketFactory = (config: UserFacingSocketConfig, channelId: number) => WASocketLike;
