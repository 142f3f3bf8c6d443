'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { RelativeTime } from '@/components/queue/relative-time';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { api, isApiError } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';
import { NewTokenSecret } from './new-token-secret';

interface TokenView {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export function TokensManager() {
  const t = useTranslations('tokens');
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.tokens,
    queryFn: ({ signal }) => api<{ tokens: TokenView[] }>('/api/tokens', { signal }).then((r) => r.tokens),
  });
  const [fresh, setFresh] = useState<{ secret: string; origin: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const name = String(new FormData(form).get('name') ?? '');
      const { token, secret } = await api<{ token: TokenView; secret: string }>('/api/tokens', { method: 'POST', body: { name } });
      client.setQueryData<TokenView[]>(queryKeys.tokens, (list) => [token, ...(list ?? [])]);
      setFresh({ secret, origin: window.location.origin });
      form.reset();
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('failed'));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: TokenView) {
    try {
      await api(`/api/tokens/${token.id}`, { method: 'DELETE' });
      client.setQueryData<TokenView[]>(queryKeys.tokens, (list) => list?.filter((x) => x.id !== token.id));
      toast.success(t('revoked', { name: token.name }));
    } catch (err) {
      toast.error(isApiError(err) && err.status > 0 ? err.message : t('failed'));
    }
  }

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 px-6 py-5">
      <header>
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </header>
      <Card>
        <CardHeader>
          <CardTitle>{t('createTitle')}</CardTitle>
          <CardDescription>{t('createHint')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <form onSubmit={create} className="flex gap-2">
            <Input name="name" required maxLength={100} placeholder={t('namePlaceholder')} data-testid="token-name" aria-label={t('name')} />
            <Button type="submit" disabled={busy} data-testid="token-create">
              <Plus aria-hidden />
              {t('create')}
            </Button>
          </form>
          {error && <Notice tone="error">{error}</Notice>}
          {fresh && <NewTokenSecret secret={fresh.secret} origin={fresh.origin} onDone={() => setFresh(null)} />}
        </CardContent>
      </Card>
      <Card>
        {data && data.length === 0 ? (
          <p data-testid="tokens-empty" className="px-4 py-6 text-center text-xs text-muted-foreground">
            {t('empty')}
          </p>
        ) : (
          <ul>
            {data?.map((token) => (
              <li key={token.id} data-testid="token-row" data-token-id={token.id} className="flex items-center gap-3 border-b px-4 py-2.5 last:border-b-0">
                <KeyRound className="size-4 text-muted-foreground" aria-hidden />
                <div className="min-w-0 flex-1">
                  <div className="truncate font-medium">{token.name}</div>
                  <div className="flex gap-3 text-[11px] text-muted-foreground">
                    <code>{token.prefix}…</code>
                    <span>
                      {t('lastUsed')}: {token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : t('never')}
                    </span>
                  </div>
                </div>
                <Button size="sm" variant="outline" className="text-destructive" data-testid="token-revoke" onClick={() => void revoke(token)}>
                  {t('revoke')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
