import { DomainError } from '../domain/errors';
import type { Runtime, WhatsAppControl } from '../runtime';

/** The WhatsApp channel manager, or a clear 503 when this process runs without one. */
export function whatsappControl(runtime: Runtime): WhatsAppControl {
  if (!runtime.whatsapp) {
    throw new DomainError('whatsapp_unavailable', 'WhatsApp numbers are not managed by this server process.', 503);
  }
  return runtime.whatsapp;
}
