import type { DomainContext } from '../../lib/domain/context';
import { getContact } from '../../lib/domain/contacts';
import type { ChannelRegistry } from './registry';

/**
 * What the customer's phone should show besides messages: read ticks when an agent opens
 * the ticket, "typing…" while an agent writes. Best effort: a failure is logged, never thrown.
 */
export function relayCustomerSignals(ctx: DomainContext, registry: ChannelRegistry) {
  return ctx.bus.subscribe((event) => {
    if (event.type !== 'messages.read' && event.type !== 'agent.typing') return;
    const adapter = registry.adapterFor(event.channelId);
    if (!adapter || (adapter.isReady && !adapter.isReady())) return;
    if (event.type === 'messages.read' && !adapter.markRead) return;
    if (event.type === 'agent.typing' && !adapter.sendTyping) return;
    void (async () => {
      const contact = await getContact(ctx.db, event.contactId);
      if (!contact) return;
      if (event.type === 'messages.read') await adapter.markRead?.(contact, event.externalIds);
      else await adapter.sendTyping?.(contact);
    })().catch((error) => ctx.logger.warn({ err: error, event: event.type }, 'customer signal failed'));
  });
}
