import { apiRoute, parseId } from '@/lib/http/api-route';
import { attachmentKindFor, MAX_ATTACHMENT_BYTES } from '@/lib/domain/attachments';
import { badRequest, DomainError } from '@/lib/domain/errors';
import { createReply, MAX_TEXT_LENGTH } from '@/lib/domain/messages';

export const dynamic = 'force-dynamic';

/**
 * Sends a photo, video, audio file or document (multipart: `file`, optional `caption` and
 * `client_id`). The file is stored first; the reply is queued like any other.
 */
export const POST = apiRoute<{ id: string }>({}, async ({ req, actor, params, runtime }) => {
  const ticketId = parseId(params.id, 'Ticket');
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw badRequest('Send the file as multipart/form-data with a "file" field.');
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) throw badRequest('The "file" field is missing or empty.');
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new DomainError('file_too_large', `Files can be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, 413);
  }
  const caption = String(form.get('caption') ?? '').trim();
  if (caption.length > MAX_TEXT_LENGTH) throw badRequest(`The caption is longer than ${MAX_TEXT_LENGTH} characters.`);
  const clientId = form.get('client_id');
  const mimetype = file.type || 'application/octet-stream';
  const saved = await runtime.media.save(Buffer.from(await file.arrayBuffer()), { mimetype, fileName: file.name });
  const message = await createReply(runtime.ctx, {
    ticketId,
    actor,
    text: caption,
    clientId: typeof clientId === 'string' && clientId.length >= 8 ? clientId.slice(0, 100) : undefined,
    attachment: {
      type: 'media',
      kind: attachmentKindFor(mimetype),
      mimetype,
      file_name: file.name || null,
      size: saved.size,
      status: 'ready',
      path: saved.path,
      sha256: saved.sha256,
    },
  });
  return Response.json({ status: 'queued', message }, { status: 201 });
});
