import type { ChannelAdapter } from './types';

/**
 * Which adapter carries each channel's messages in this process. A WhatsApp number is
 * registered only by the process that owns it, so other processes leave its outbox alone.
 */
export function createChannelRegistry() {
  const byChannel = new Map<number, ChannelAdapter>();
  return {
    register(channelId: number, adapter: ChannelAdapter) {
      byChannel.set(channelId, adapter);
    },
    unregister(channelId: number) {
      byChannel.delete(channelId);
    },
    adapterFor(channelId: number): ChannelAdapter | undefined {
      return byChannel.get(channelId);
    },
    channelIds: () => [...byChannel.keys()],
  };
}

export type ChannelRegistry = ReturnType<typeof createChannelRegistry>;
