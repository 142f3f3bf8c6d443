import { apiRoute, parseId } from '@/lib/http/api-route';
import { whatsappControl } from '@/lib/http/whatsapp-control';
import { badRequest } from '@/lib/domain/errors';
import { getChannel, presentChannel } from '@/lib/domain/channels';

export const dynamic = 'force-dynamic';

/** The QR code or pairing code being shown for this number right now. */
export const GET = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ params, runtime }) => {
  const channel = await getChannel(runtime.ctx.db, parseId(params.id, 'Channel'));
  return { link: runtime.whatsapp?.currentLink(channel.id) ?? null };
});

/** (Re)starts linking: a number that was logged out or whose QR expired gets a fresh QR. */
export const POST = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ params, runtime }) => {
  const channel = await getChannel(runtime.ctx.db, parseId(params.id, 'Channel'));
  if (channel.kind !== 'baileys') throw badRequest('Only WhatsApp numbers are linked.');
  await whatsappControl(runtime).start(channel.id);
  return { channel: presentChannel(await getChannel(runtime.ctx.db, channel.id)) };
});
