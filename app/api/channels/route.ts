import { apiRoute, readJson } from '@/lib/http/api-route';
import { whatsappControl } from '@/lib/http/whatsapp-control';
import { createWhatsAppChannel, listChannels, newWhatsAppChannelSchema, presentChannel } from '@/lib/domain/channels';

export const dynamic = 'force-dynamic';

/** Every channel customers can reach us on: linked WhatsApp numbers, the gateway, the simulator. */
export const GET = apiRoute({}, async ({ runtime }) => ({
  channels: (await listChannels(runtime.ctx.db)).map(presentChannel),
}));

/** Adds a WhatsApp number; its QR code follows on the `channel:link` socket event. */
export const POST = apiRoute({ roles: ['admin'] }, async ({ req, runtime }) => {
  const input = await readJson(req, newWhatsAppChannelSchema);
  const control = whatsappControl(runtime);
  const channel = await createWhatsAppChannel(runtime.ctx, input);
  await control.start(channel.id);
  return Response.json({ channel }, { status: 201 });
});
