'use client';
import { useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Label, NativeSelect } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { ROLES, type UserView } from '@/lib/domain/views';
import { api, isApiError } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';

export function UserCreateForm() {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: UserView }>('/api/users', {
        method: 'POST',
        body: {
          email: String(data.get('email') ?? ''),
          name: String(data.get('name') ?? ''),
          password: String(data.get('password') ?? ''),
          role: String(data.get('role') ?? 'agent'),
        },
      });
      client.setQueryData<UserView[]>(queryKeys.users, (list) => (list ? [...list, user] : list));
      form.reset();
      toast.success(t('created', { name: user.name }));
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('createTitle')}</CardTitle>
        <CardDescription>{t('createHint')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1.3fr_1fr_1fr_9rem_auto] lg:items-end">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-email">{t('email')}</Label>
            <Input id="new-email" name="email" type="email" required data-testid="user-create-email" autoComplete="off" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-name">{t('name')}</Label>
            <Input id="new-name" name="name" required data-testid="user-create-name" autoComplete="off" />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-password">{t('password')}</Label>
            <Input
              id="new-password"
              name="password"
              type="password"
              required
              minLength={8}
              data-testid="user-create-password"
              autoComplete="new-password"
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-role">{t('role')}</Label>
            <NativeSelect id="new-role" name="role" defaultValue="agent" data-testid="user-create-role">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {tr(role)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" disabled={busy} data-testid="user-create-submit">
            <UserPlus aria-hidden />
            {t('create')}
          </Button>
        </form>
        {error && (
          <Notice tone="error" data-testid="user-create-error" className="mt-3">
            {error}
          </Notice>
        )}
      </CardContent>
    </Card>
  );
}
