'use client';
import { useQueryClient } from '@tanstack/react-query';
import { Loader2, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import type { ChannelView } from '@/lib/domain/views';
import { upsertChannel } from '@/lib/realtime/use-desk-sync';
import { api, isApiError } from '@/lib/ui/api';

/** Adds a WhatsApp number by name; its QR code shows up in the list right away. */
export function ChannelAddForm() {
  const t = useTranslations('channels');
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; unavailable: boolean } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = name.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const { channel } = await api<{ channel: ChannelView }>('/api/channels', { method: 'POST', body: { name: value } });
      upsertChannel(client, channel);
      setName('');
    } catch (err) {
      const unavailable = isApiError(err, 503);
      setError({ text: unavailable ? t('unavailable') : isApiError(err) && err.status > 0 ? err.message : t('failed'), unavailable });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('addTitle')}</CardTitle>
        <CardDescription>{t('addHint')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-56 flex-1 flex-col gap-1.5">
            <Label htmlFor="channel-name">{t('name')}</Label>
            <Input
              id="channel-name"
              data-testid="channel-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              placeholder={t('namePlaceholder')}
              autoComplete="off"
            />
          </div>
          <Button type="submit" data-testid="channel-add" disabled={busy || !name.trim()}>
            {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />}
            {t('add')}
          </Button>
        </form>
        {error && (
          <Notice tone={error.unavailable ? 'warning' : 'error'} data-testid="channel-add-error" className="mt-3">
            {error.text}
          </Notice>
        )}
      </CardContent>
    </Card>
  );
}
