'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MessageCircle, Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { api, isApiError } from '@/lib/ui/api';

interface WhatsappSettings {
  mark_read_on_open: boolean;
  send_interval_ms: number;
  send_jitter_ms: number;
}

const KEY = ['settings', 'whatsapp'] as const;

function Form({ initial }: { initial: WhatsappSettings }) {
  const t = useTranslations('settings');
  const client = useQueryClient();
  const [markRead, setMarkRead] = useState(initial.mark_read_on_open);
  const [interval, setInterval] = useState(String(initial.send_interval_ms / 1000));
  const [jitter, setJitter] = useState(String(initial.send_jitter_ms / 1000));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        mark_read_on_open: markRead,
        send_interval_ms: Math.round(Number(interval) * 1000),
        send_jitter_ms: Math.round(Number(jitter) * 1000),
      };
      const { whatsapp } = await api<{ whatsapp: WhatsappSettings }>('/api/settings/whatsapp', { method: 'PUT', body });
      client.setQueryData(KEY, whatsapp);
      toast.success(t('saved'));
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} className="flex flex-col gap-4">
      <label className="flex items-center gap-2.5 text-sm">
        <input
          type="checkbox"
          data-testid="wa-mark-read"
          checked={markRead}
          onChange={(e) => setMarkRead(e.target.checked)}
          className="size-4 accent-(--primary)"
        />
        {t('waMarkRead')}
      </label>
      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="wa-interval">{t('waInterval')}</Label>
          <Input id="wa-interval" data-testid="wa-send-interval" type="number" min={0} max={60} step={0.1} value={interval} onChange={(e) => setInterval(e.target.value)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="wa-jitter">{t('waJitter')}</Label>
          <Input id="wa-jitter" data-testid="wa-send-jitter" type="number" min={0} max={60} step={0.1} value={jitter} onChange={(e) => setJitter(e.target.value)} />
        </div>
      </div>
      <p className="text-[11px] text-muted-foreground">{t('waPacingHint')}</p>
      {error && <Notice tone="error">{error}</Notice>}
      <div>
        <Button type="submit" data-testid="wa-save" disabled={busy}>
          <Save aria-hidden />
          {t('save')}
        </Button>
      </div>
    </form>
  );
}

export function WhatsappSettingsCard() {
  const t = useTranslations('settings');
  const { data, isError } = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<{ whatsapp: WhatsappSettings }>('/api/settings/whatsapp', { signal }).then((r) => r.whatsapp),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <MessageCircle className="size-4 text-emerald-600" aria-hidden />
          {t('waTitle')}
        </CardTitle>
        <CardDescription>{t('waHint')}</CardDescription>
      </CardHeader>
      <CardContent>
        {isError ? <Notice tone="error">{t('loadFailed')}</Notice> : data ? <Form initial={data} /> : <Skeleton className="h-28" />}
      </CardContent>
    </Card>
  );
}
