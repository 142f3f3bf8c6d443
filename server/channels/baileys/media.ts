// Downloads and decrypts an inbound WhatsApp media message, asking the phone to re-upload
// it once when the CDN copy has expired.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { downloadMediaMessage, extractMessageContent, getContentType, type WAMessage } from '@whiskeysockets/baileys';
import { realTimers, type Timers } from '../../socket/coalesce';

export interface DownloadMediaOptions {
  /** `sock.updateMediaMessage`: the phone re-uploads, the message comes back with a new url. */
  reupload: (message: WAMessage) => Promise<WAMessage>;
  logger: { info(obj: unknown, msg?: string): void; warn(obj: unknown, msg?: string): void };
  /** Per download attempt, from request to last byte. */
  timeoutMs?: number;
  /** Refuse anything bigger (WhatsApp documents can reach 2 GB; this buffers in memory). */
  maxBytes?: number;
  timers?: Timers;
}

export class MediaDownloadError extends Error {
  constructor(
    message: string,
    /** HTTP status from the media server, when there was one. */
    readonly httpStatus: number | null,
    /** True when retrying later cannot help (no media, expired for good, corrupt). */
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaDownloadError';
  }
}

const EXPIRED = new Set([404, 410]);

export async function downloadMedia(message: WAMessage, options: DownloadMediaOptions): Promise<Buffer> {
  try {
    return await attempt(message, options);
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === null || !EXPIRED.has(status)) throw explain(error);
    // rc14's own re-upload hook never fires (it reads error.status, Boom sets
    // output.statusCode), so we do it here, and never pass Baileys the hook: a fixed
    // Baileys would otherwise re-upload twice.
    options.logger.info({ id: message.key.id, status }, 'media expired on the server; asking the phone to re-upload');
    let fresh: WAMessage;
    try {
      fresh = await options.reupload(message);
    } catch (reuploadError) {
      throw new MediaDownloadError(
        `media expired (HTTP ${status}) and the phone could not re-upload it: ${messageOf(reuploadError)}`,
        status,
        true,
        { cause: reuploadError },
      );
    }
    try {
      return await attempt(fresh, options);
    } catch (retryError) {
      const again = httpStatusOf(retryError);
      if (again !== null && EXPIRED.has(again)) {
        throw new MediaDownloadError(`media still unavailable after re-upload (HTTP ${again})`, again, true, { cause: retryError });
      }
      throw explain(retryError);
    }
  }
}

async function attempt(message: WAMessage, options: DownloadMediaOptions): Promise<Buffer> {
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  let stream: Readable | null = null;
  let timedOut = false;
  let timer: unknown = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = timers.setTimeout(() => {
      timedOut = true;
      stream?.destroy();
      reject(new MediaDownloadError(`media download timed out after ${timeoutMs} ms`, null, false));
    }, timeoutMs);
  });
  const download = (async () => {
    // Baileys' fetch ignores AbortSignal, so the stream is destroyed instead.
    const s = await downloadMediaMessage(message, 'stream', {});
    stream = s;
    if (timedOut) s.destroy();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of s as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        s.destroy();
        throw new MediaDownloadError(`media is larger than ${maxBytes} bytes`, null, true);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  })();
  download.catch(() => {}); // settles after a timeout too; its error is no longer anyone's
  try {
    const buffer = await Promise.race([download, timeout]);
    verify(message, buffer);
    return buffer;
  } finally {
    timers.clearTimeout(timer);
  }
}

// Baileys neither checks the MAC nor the plaintext hash: a truncated or wrong file would
// decrypt to garbage silently, so compare with the sha256 the sender put in the message.
function verify(message: WAMessage, buffer: Buffer): void {
  const content = extractMessageContent(message.message);
  const type = content ? getContentType(content) : undefined;
  const media = type ? (content?.[type] as { fileSha256?: Uint8Array | string | null } | undefined) : undefined;
  const expected = media?.fileSha256;
  if (!expected || expected.length === 0) return;
  const want = typeof expected === 'string' ? Buffer.from(expected, 'base64') : Buffer.from(expected);
  if (!createHash('sha256').update(buffer).digest().equals(want)) {
    throw new MediaDownloadError('downloaded media does not match its sha256 (corrupt or wrong key)', null, true);
  }
}

function httpStatusOf(error: unknown): number | null {
  const boom = error as { isBoom?: unknown; output?: { statusCode?: unknown }; data?: { url?: unknown } } | null;
  if (boom?.isBoom !== true || typeof boom.output?.statusCode !== 'number') return null;
  // Baileys also throws Booms (400, 500) for messages without media; only the one from
  // its HTTP fetch (getHttpStream: data.url) is the media server's answer.
  const fromFetch = boom.data?.url !== undefined || messageOf(error).startsWith('Failed to fetch stream');
  return fromFetch ? boom.output.statusCode : null;
}

function explain(error: unknown): MediaDownloadError {
  if (error instanceof MediaDownloadError) return error;
  const message = messageOf(error);
  const status = httpStatusOf(error);
  if (status !== null) {
    return new MediaDownloadError(`media server answered HTTP ${status}`, status, status >= 400 && status < 500, { cause: error });
  }
  if (/not a media message|No message present/.test(message)) {
    return new MediaDownloadError(`message has no downloadable media: ${message}`, null, true, { cause: error });
  }
  if (/bad decrypt|wrong final block|digital envelope/i.test(message)) {
    return new MediaDownloadError(`media could not be decrypted (wrong key or corrupt file): ${message}`, null, true, { cause: error });
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return new MediaDownloadError(`media download failed: ${message}${code}`, null, false, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
