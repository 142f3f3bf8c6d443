'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { ChannelView } from '@/lib/domain/views';
import type { ChannelLink } from '@/lib/realtime/events';
import { upsertChannel } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';

type Busy = 'relink' | 'unlink' | 'pairing' | null;

/** Link again, unlink, ask for a pairing code: one at a time per number, errors said plainly. */
export function useChannelActions(channelId: number) {
  const t = useTranslations('channels');
  const client = useQueryClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);

  async function run<T>(what: Exclude<Busy, null>, call: () => Promise<T>): Promise<T | null> {
    setBusy(what);
    setError(null);
    try {
      return await call();
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('failed'));
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function relink() {
    // A fresh start: the old QR or code is no use any more.
    client.setQueryData(queryKeys.channelLink(channelId), null);
    const result = await run('relink', () => api<{ channel: ChannelView }>(`/api/channels/${channelId}/link`, { method: 'POST' }));
    if (result) upsertChannel(client, result.channel);
    void client.invalidateQueries({ queryKey: queryKeys.channelLink(channelId) });
  }

  async function unlink() {
    const result = await run('unlink', () => api<{ channel: ChannelView }>(`/api/channels/${channelId}/unlink`, { method: 'POST' }));
    if (result) {
      upsertChannel(client, result.channel);
      client.setQueryData(queryKeys.channelLink(channelId), null);
    }
    return result !== null;
  }

  async function requestPairingCode(phone: string) {
    const result = await run('pairing', () =>
      api<{ pairing_code: string }>(`/api/channels/${channelId}/pairing-code`, { method: 'POST', body: { phone } }),
    );
    if (!result) return;
    client.setQueryData<ChannelLink | null>(queryKeys.channelLink(channelId), (link) => ({
      channel_id: channelId,
      qr: null,
      ...link,
      pairing_code: result.pairing_code,
    }));
  }

  return { busy, error, relink, unlink, requestPairingCode };
}
