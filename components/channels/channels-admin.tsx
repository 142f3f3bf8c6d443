'use client';
import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useChannels } from '@/lib/ui/queries';
import { ChannelAddForm } from './channel-add-form';
import { ChannelRow } from './channel-row';

/** The numbers customers write to: link, watch, relink, unlink. Built-in channels are listed for completeness. */
export function ChannelsAdmin() {
  const t = useTranslations('channels');
  const { data, isPending, isError, refetch } = useChannels();
  const whatsapp = data?.filter((c) => c.kind === 'baileys') ?? [];
  const builtIn = data?.filter((c) => c.kind !== 'baileys') ?? [];

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4 px-6 py-5">
      <header>
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </header>
      <ChannelAddForm />
      <Card>
        {isPending ? (
          <div className="flex flex-col gap-2 p-4">
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : isError ? (
          <div className="p-4">
            <Notice tone="error">
              {t('loadFailed')}{' '}
              <button type="button" className="underline" onClick={() => void refetch()}>
                {t('retry')}
              </button>
            </Notice>
          </div>
        ) : (
          <ul data-testid="channel-list">
            {whatsapp.length === 0 && (
              <li data-testid="channel-empty" className="border-b px-4 py-6 text-center text-sm text-muted-foreground">
                {t('empty')}
              </li>
            )}
            {[...whatsapp, ...builtIn].map((channel) => (
              <ChannelRow key={channel.id} channel={channel} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
