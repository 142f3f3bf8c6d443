'use client';
import { useEffect, useRef, useState } from 'react';
import { DOWN_STATUSES } from '@/components/channels/channel-status-badge';
import type { ChannelView } from '@/lib/domain/views';
import { useSocketEvents } from '@/lib/realtime/use-socket-events';
import { useChannels } from '@/lib/ui/queries';

/** How long "back online" stays up. */
const UP_SHOWN_MS = 10_000;

export interface ChannelBannerItem {
  channel: ChannelView;
  kind: 'down' | 'up';
  reason: string | null;
  /** Changes when the channel's state does, so a dismissed banner comes back for a new drop. */
  key: string;
}

/**
 * Which WhatsApp numbers are down right now (from the list on load and every `channel:alert`
 * since), and which just came back. A number stays "down" through its reconnect attempts
 * (disconnected → connecting → disconnected…) until it is connected again.
 */
export function useChannelAlerts(enabled: boolean) {
  const { data: channels } = useChannels(enabled);
  const [alerted, setAlerted] = useState<ReadonlyMap<number, ChannelView>>(new Map());
  const [ups, setUps] = useState<ReadonlyMap<number, ChannelView>>(new Map());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const without = <T,>(map: ReadonlyMap<number, T>, id: number) => {
    if (!map.has(id)) return map;
    const next = new Map(map);
    next.delete(id);
    return next;
  };

  useSocketEvents({
    'channel:alert': ({ channel, kind }) => {
      const timer = timers.current.get(channel.id);
      if (timer) clearTimeout(timer);
      timers.current.delete(channel.id);
      if (kind === 'down') {
        setAlerted((map) => new Map(map).set(channel.id, channel));
        setUps((map) => without(map, channel.id));
        return;
      }
      setAlerted((map) => without(map, channel.id));
      setUps((map) => new Map(map).set(channel.id, channel));
      timers.current.set(
        channel.id,
        setTimeout(() => {
          timers.current.delete(channel.id);
          setUps((map) => without(map, channel.id));
        }, UP_SHOWN_MS),
      );
    },
  });

  if (!enabled) return { items: [] as ChannelBannerItem[], dismiss: () => {} };

  const known = new Map((channels ?? []).map((c) => [c.id, c]));
  for (const [id, c] of alerted) if (!known.has(id)) known.set(id, c);
  const items: ChannelBannerItem[] = [];
  for (const channel of known.values()) {
    if (channel.kind !== 'baileys') continue;
    const down = DOWN_STATUSES.has(channel.status) || (alerted.has(channel.id) && channel.status !== 'connected');
    if (down) {
      const reason = channel.status_reason ?? alerted.get(channel.id)?.status_reason ?? null;
      items.push({ channel, kind: 'down', reason, key: `${channel.id}:down:${channel.status}:${reason ?? ''}` });
    } else if (ups.has(channel.id)) {
      items.push({ channel, kind: 'up', reason: null, key: `${channel.id}:up:${channel.status_at ?? ''}` });
    }
  }
  return {
    items: items.filter((item) => !dismissed.has(item.key)),
    dismiss: (key: string) => setDismissed((set) => new Set(set).add(key)),
  };
}
