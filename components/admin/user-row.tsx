'use client';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { ROLES, type Role, type UserView } from '@/lib/domain/views';
import { api, isApiError } from '@/lib/ui/api';
import { cn } from '@/lib/ui/cn';
import { queryKeys } from '@/lib/ui/query-keys';
import { UserCapacityField } from './user-capacity-field';

type Change = { role: Role } | { disabled: boolean } | { password: string };

export function UserRow({ user, isMe }: { user: UserView; isMe: boolean }) {
  const t = useTranslations('users');
  const tr = useTranslations('roles');
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [settingPassword, setSettingPassword] = useState(false);

  async function change(body: Change, done?: string) {
    setBusy(true);
    setError(null);
    try {
      const { user: updated } = await api<{ user: UserView }>(`/api/users/${user.id}`, { method: 'PATCH', body });
      client.setQueryData<UserView[]>(queryKeys.users, (list) => list?.map((u) => (u.id === updated.id ? updated : u)));
      if (done) toast.success(done);
      return true;
    } catch (err) {
      setError(isApiError(err) && err.status > 0 ? err.message : t('failed'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function setPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    if (await change({ password }, t('passwordSet', { name: user.name }))) setSettingPassword(false);
  }

  return (
    <li data-testid="user-row" data-email={user.email} data-role={user.role} data-disabled={user.banned} className="border-b px-4 py-2.5 last:border-b-0">
      <div className="flex flex-wrap items-center gap-3">
        <div className={cn('min-w-0 flex-1', user.banned && 'opacity-60')}>
          <div className="flex items-center gap-2">
            <span className="truncate font-medium">{user.name}</span>
            {isMe && <Badge>{t('you')}</Badge>}
            {user.banned && <Badge tone="danger" data-testid="user-disabled-badge">{t('disabled')}</Badge>}
          </div>
          <div className="truncate text-xs text-muted-foreground">{user.email}</div>
        </div>
        <NativeSelect
          aria-label={t('role')}
          data-testid="user-role-select"
          value={user.role}
          disabled={busy || isMe}
          onChange={(e) => void change({ role: e.target.value as Role })}
          className="h-8 w-36"
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {tr(role)}
            </option>
          ))}
        </NativeSelect>
        <UserCapacityField user={user} onError={setError} />
        <Button size="sm" variant="outline" data-testid="user-password-toggle" onClick={() => setSettingPassword((v) => !v)}>
          <KeyRound aria-hidden />
          {t('setPassword')}
        </Button>
        <Button
          size="sm"
          variant={user.banned ? 'subtle' : 'outline'}
          data-testid="user-disable-toggle"
          disabled={busy || isMe}
          onClick={() => void change({ disabled: !user.banned })}
          className={cn('w-24', !user.banned && 'text-destructive')}
        >
          {user.banned ? t('enable') : t('disable')}
        </Button>
      </div>
      {settingPassword && (
        <form onSubmit={setPassword} className="mt-2 flex items-center gap-2">
          <Input
            name="password"
            type="password"
            minLength={8}
            required
            autoComplete="new-password"
            placeholder={t('newPassword')}
            data-testid="user-password-input"
            className="h-8 max-w-xs"
            autoFocus
          />
          <Button size="sm" type="submit" disabled={busy} data-testid="user-password-save">
            {t('save')}
          </Button>
        </form>
      )}
      {error && (
        <p data-testid="user-row-error" role="alert" className="mt-1.5 text-xs text-destructive">
          {error}
        </p>
      )}
    </li>
  );
}
