import type { ChannelRow } from '../../lib/db/schema';
import type { ChannelAdapter } from './types';

/** Which adapter carries a channel's messages. Linked WhatsApp numbers register per channel id. */
export function createChannelRegistry() {
  const byKind = new Map<string, ChannelAdapter>();
  const byChannel = new Map<number, ChannelAdapter>();
  return {
    registerKind(adapter: ChannelAdapter) {
      byKind.set(adapter.kind, adapter);
    },
    registerChannel(channelId: number, adapter: ChannelAdapter) {
      byChannel.set(channelId, adapter);
    },
    unregisterChannel(channelId: number) {
      byChannel.delete(channelId);
    },
    adapterFor(channel: ChannelRow): ChannelAdapter | undefined {
      return byChannel.get(channel.id) ?? byKind.get(channel.kind);
    },
  };
}
