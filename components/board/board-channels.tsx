'use client';
import { useTranslations } from 'next-intl';
import { ChannelStatusBadge } from '@/components/channels/channel-status-badge';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import type { BoardChannel } from '@/lib/domain/views';
import { formatPhone } from '@/lib/ui/format';

/** Every number customers can write to, and whether it is up right now. */
export function BoardChannels({ channels }: { channels: BoardChannel[] }) {
  const t = useTranslations('board');
  const tk = useTranslations('channels.kinds');
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>{t('channels')}</CardTitle>
      </CardHeader>
      {channels.length === 0 ? (
        <p className="px-4 py-6 text-center text-xs text-muted-foreground">{t('noChannels')}</p>
      ) : (
        <ul className="divide-y" aria-label={t('channels')}>
          {channels.map((channel) => (
            <li
              key={channel.id}
              data-testid={`board-channel-${channel.id}`}
              data-status={channel.status}
              className="flex items-center justify-between gap-3 px-4 py-2"
            >
              <span className="min-w-0">
                <span className="block truncate text-sm">{channel.name}</span>
                <span className="block truncate text-[11px] text-muted-foreground tabular-nums">
                  {channel.phone ? formatPhone(channel.phone) : tk(channel.kind)}
                </span>
              </span>
              <ChannelStatusBadge status={channel.status} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
