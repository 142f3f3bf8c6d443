'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Bot, Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label, Textarea } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { api, isApiError } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';

interface BotSettings {
  ack_enabled: boolean;
  ack_text: string;
}

function Form({ initial }: { initial: BotSettings }) {
  const t = useTranslations('settings');
  const client = useQueryClient();
  const [text, setText] = useState(initial.ack_text);
  const [enabled, setEnabled] = useState(initial.ack_enabled);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { bot } = await api<{ bot: BotSettings }>('/api/settings/bot', { method: 'PUT', body: { ack_text: text, ack_enabled: enabled } });
      client.setQueryData(queryKeys.botSettings, bot);
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
          data-testid="bot-ack-enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
          className="size-4 accent-(--primary)"
        />
        {t('ackEnabled')}
      </label>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="ack-text">{t('ackText')}</Label>
        <Textarea id="ack-text" data-testid="bot-ack-text" value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={1000} />
        <p className="text-[11px] text-muted-foreground">{t('ackHint')}</p>
      </div>
      {error && (
        <Notice tone="error" data-testid="bot-save-error">
          {error}
        </Notice>
      )}
      <div>
        <Button type="submit" data-testid="bot-save" disabled={busy}>
          <Save aria-hidden />
          {t('save')}
        </Button>
      </div>
    </form>
  );
}

export function BotSettingsCard() {
  const t = useTranslations('settings');
  const { data, isError } = useQuery({
    queryKey: queryKeys.botSettings,
    queryFn: ({ signal }) => api<{ bot: BotSettings }>('/api/settings/bot', { signal }).then((r) => r.bot),
  });
  return (
    <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <Bot className="size-4 text-violet-600" aria-hidden />
            {t('botTitle')}
          </CardTitle>
          <CardDescription>{t('botHint')}</CardDescription>
        </CardHeader>
        <CardContent>
          {isError ? <Notice tone="error">{t('loadFailed')}</Notice> : data ? <Form initial={data} /> : <Skeleton className="h-32" />}
        </CardContent>
    </Card>
  );
}
