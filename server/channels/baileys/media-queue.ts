import type { WAMessage } from '@whiskeysockets/baileys';
import type { MediaAttachment } from '../../../lib/domain/attachments';
import type { DomainContext } from '../../../lib/domain/context';
import { listPendingMedia, updateAttachment } from '../../../lib/domain/message-updates';
import type { MediaStore } from '../../../lib/media/media-store';
import type { Timers } from '../../socket/coalesce';
import { downloadMedia, MediaDownloadError } from './media';
import { restoreMessage } from './parse-message';

export interface MediaQueueDeps {
  ctx: DomainContext;
  channelId: number;
  media: MediaStore;
  /** The phone re-uploads expired media (sock.updateMediaMessage); null while disconnected. */
  reupload: () => ((m: WAMessage) => Promise<WAMessage>) | null;
  timers?: Timers;
}

const RESUME_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Files of incoming photos, voice notes and documents are fetched at once (WhatsApp's copies
 * expire), one at a time, and stored; the message then shows the file. While the number is
 * disconnected a download waits and is picked up again when it reconnects.
 */
export function createMediaQueue(deps: MediaQueueDeps) {
  const { ctx } = deps;
  let chain: Promise<void> = Promise.resolve();
  const queued = new Set<number>();

  async function fetchOne(messageId: number, message: WAMessage, attachment: MediaAttachment) {
    const reupload = deps.reupload();
    if (!reupload) return; // not connected: resume() takes it later
    try {
      const buffer = await downloadMedia(message, { reupload, logger: ctx.logger, timers: deps.timers });
      const saved = await deps.media.save(buffer, { mimetype: attachment.mimetype, fileName: attachment.file_name });
      await updateAttachment(ctx, messageId, { ...attachment, status: 'ready', size: saved.size, path: saved.path, sha256: saved.sha256, error: null });
    } catch (error) {
      const permanent = !(error instanceof MediaDownloadError) || error.permanent;
      const reason = error instanceof Error ? error.message : String(error);
      ctx.logger.warn({ messageId, channelId: deps.channelId, reason, permanent }, 'whatsapp media download failed');
      if (permanent || deps.reupload()) {
        await updateAttachment(ctx, messageId, { ...attachment, status: 'failed', error: reason.slice(0, 300) });
      }
    }
  }

  function add(messageId: number, message: WAMessage, attachment: MediaAttachment) {
    if (queued.has(messageId)) return;
    queued.add(messageId);
    chain = chain
      .then(() => fetchOne(messageId, message, attachment))
      .catch((error) => ctx.logger.error({ err: error, messageId }, 'media queue crashed'))
      .finally(() => queued.delete(messageId));
  }

  return {
    add,
    /** After a (re)connect: downloads still pending from before. */
    async resume() {
      const since = new Date(ctx.clock.now().getTime() - RESUME_WINDOW_MS);
      for (const row of await listPendingMedia(ctx, deps.channelId, since)) {
        if (row.media?.type !== 'media' || !row.raw) continue;
        add(row.id, restoreMessage(row.raw), row.media);
      }
    },
    drain: () => chain,
  };
}
