'use client';
import { Info, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { api, isApiError } from '@/lib/ui/api';

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations('signIn');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/sign-in/email', {
        method: 'POST',
        body: { email: String(form.get('email') ?? '').trim(), password: String(form.get('password') ?? '') },
      });
      router.replace(next);
      router.refresh();
    } catch (err) {
      setBusy(false);
      if (isApiError(err, 401) || isApiError(err, 400)) setError(t('invalid'));
      else if (isApiError(err, 403)) setError(t('disabled'));
      else if (isApiError(err, 429)) setError(t('tooMany'));
      else if (isApiError(err) && err.status > 0) setError(err.message || t('failed'));
      else setError(t('network'));
    }
  }

  return (
    <Card>
      <CardContent className="p-5">
        <h2 className="mb-4 text-base font-semibold">{t('title')}</h2>
        <form onSubmit={submit} className="flex flex-col gap-3.5" noValidate>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="email">{t('email')}</Label>
            <Input id="email" name="email" type="email" autoComplete="username" required autoFocus data-testid="sign-in-email" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="password">{t('password')}</Label>
            <Input id="password" name="password" type="password" autoComplete="current-password" required data-testid="sign-in-password" />
          </div>
          {error && (
            <Notice tone="error" data-testid="sign-in-error">
              {error}
            </Notice>
          )}
          <Button type="submit" disabled={busy} data-testid="sign-in-submit" className="mt-1">
            {busy && <Loader2 className="animate-spin" aria-hidden />}
            {busy ? t('submitting') : t('submit')}
          </Button>
        </form>
        <p className="mt-4 flex gap-2 text-xs text-muted-foreground">
          <Info className="mt-px size-3.5 shrink-0" aria-hidden />
          <span>{t('hint')}</span>
        </p>
      </CardContent>
    </Card>
  );
}
