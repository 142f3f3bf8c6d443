import { apiRoute, parseId } from '@/lib/http/api-route';
import { whatsappControl } from '@/lib/http/whatsapp-control';
import { badRequest } from '@/lib/domain/errors';
import { getChannel, presentChannel } from '@/lib/domain/channels';

export const dynamic = 'force-dynamic';

/** Logs the number out of WhatsApp and forgets its session; the history stays. */
export const POST = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ params, runtime }) => {
  const channel = await getChannel(runtime.ctx.db, parseId(params.id, 'Channel'));
  if (channel.kind !== 'baileys') throw badRequest('Only WhatsApp numbers can be unlinked.');
  await whatsappControl(runtime).unlink(channel.id);
  runtime.ctx.logger.info({ channelId: channel.id }, 'whatsapp number unlinked');
  return { channel: presentChannel(await getChannel(runtime.ctx.db, channel.id)) };
});
