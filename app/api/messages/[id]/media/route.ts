import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { apiRoute, parseId } from '@/lib/http/api-route';
import { getMessageFile } from '@/lib/domain/messages';
import { notFound } from '@/lib/domain/errors';

export const dynamic = 'force-dynamic';

const INLINE = new Set(['image', 'video', 'audio', 'voice', 'sticker']);

/** A message's photo, video, voice note or document; supports ranges so players can seek. */
export const GET = apiRoute<{ id: string }>({}, async ({ req, actor, params, runtime }) => {
  const file = await getMessageFile(runtime.ctx, { messageId: parseId(params.id, 'Message'), actor });
  const absolute = runtime.media.resolve(file.path);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw notFound('File');
  const name = (file.fileName ?? `${file.kind}-${params.id}`).replace(/["\\\r\n]/g, '_');
  const headers = new Headers({
    'content-type': file.mimetype ?? 'application/octet-stream',
    'content-disposition': `${INLINE.has(file.kind) ? 'inline' : 'attachment'}; filename="${name}"`,
    'cache-control': 'private, max-age=86400, immutable',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  });
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, info.size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
    if (start > end || start >= info.size) {
      return new Response(null, { status: 416, headers: { 'content-range': `bytes */${info.size}` } });
    }
    headers.set('content-range', `bytes ${start}-${end}/${info.size}`);
    headers.set('content-length', String(end - start + 1));
    const body = Readable.toWeb(createReadStream(absolute, { start, end })) as ReadableStream;
    return new Response(body, { status: 206, headers });
  }
  headers.set('content-length', String(info.size));
  return new Response(Readable.toWeb(createReadStream(absolute)) as ReadableStream, { status: 200, headers });
});
