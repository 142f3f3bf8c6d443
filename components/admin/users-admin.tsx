'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useDesk } from '@/components/desk/desk-context';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import type { UserView } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { queryKeys } from '@/lib/ui/query-keys';
import { UserCreateForm } from './user-create-form';
import { UserRow } from './user-row';

export function UsersAdmin() {
  const t = useTranslations('users');
  const { me } = useDesk();
  const { data, isPending, isError } = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => api<{ users: UserView[] }>('/api/users', { signal }).then((r) => r.users),
  });

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4 px-6 py-5">
      <header>
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </header>
      <UserCreateForm />
      <Card>
        {isPending ? (
          <div className="flex flex-col gap-2 p-4">
            <Skeleton className="h-9" />
            <Skeleton className="h-9" />
          </div>
        ) : isError ? (
          <div className="p-4">
            <Notice tone="error">{t('loadFailed')}</Notice>
          </div>
        ) : (
          <ul data-testid="user-list">
            {data.map((user) => (
              <UserRow key={user.id} user={user} isMe={user.id === me.id} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
