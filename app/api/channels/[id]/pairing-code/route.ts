import { z } from 'zod';
import { apiRoute, parseId, readJson } from '@/lib/http/api-route';
import { whatsappControl } from '@/lib/http/whatsapp-control';
import { badRequest } from '@/lib/domain/errors';
import { getChannel } from '@/lib/domain/channels';

export const dynamic = 'force-dynamic';

const body = z.object({
  phone: z
    .string()
    .transform((value) => value.replace(/[\s\-().+]/g, ''))
    .pipe(z.string().regex(/^\d{8,15}$/, 'the phone number, with country code, in digits (e.g. 628123456789)')),
});

/** Linking without a camera: WhatsApp shows an 8-character code to type on the phone. */
export const POST = apiRoute<{ id: string }>({ roles: ['admin'] }, async ({ req, params, runtime }) => {
  const channel = await getChannel(runtime.ctx.db, parseId(params.id, 'Channel'));
  if (channel.kind !== 'baileys') throw badRequest('Only WhatsApp numbers are linked.');
  const { phone } = await readJson(req, body);
  const code = await whatsappControl(runtime).requestPairingCode(channel.id, phone);
  return { pairing_code: code };
});
