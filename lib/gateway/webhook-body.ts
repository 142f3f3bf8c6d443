import { z } from 'zod';

/** The gateway's inbound message, exactly as DESIGN.md's contract gives it. */
export const gatewayWebhookSchema = z.object({
  id: z.string().trim().min(1, 'id is required').max(256),
  from: z.string().trim().min(1, 'from is required').max(128),
  name: z.string().max(256).nullish(),
  text: z.string().min(1, 'text is required').max(65536),
  timestamp: z.number().int().positive().max(32503680000, 'timestamp must be unix seconds').optional(),
});

export type GatewayWebhookBody = z.infer<typeof gatewayWebhookSchema>;
