'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useState } from 'react';
import { toast } from 'sonner';
import { Input } from '@/components/ui/input';
import type { UserView } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { formErrors } from '@/lib/ui/form-errors';
import { queryKeys } from '@/lib/ui/query-keys';

const shown = (capacity: number | null) => (capacity === null ? '' : String(capacity));

/** Most open tickets at once, edited in place: saved on Enter or when leaving the field; empty means no limit. */
export function UserCapacityField({ user, onError }: { user: UserView; onError: (message: string | null) => void }) {
  const t = useTranslations('capacity');
  const client = useQueryClient();
  const [value, setValue] = useState(shown(user.capacity));
  const [busy, setBusy] = useState(false);

  async function commit() {
    const trimmed = value.trim();
    const capacity = trimmed === '' ? null : Number(trimmed);
    if (capacity === user.capacity) return;
    setBusy(true);
    onError(null);
    try {
      const { user: updated } = await api<{ user: UserView }>(`/api/users/${user.id}`, { method: 'PATCH', body: { capacity } });
      client.setQueryData<UserView[]>(queryKeys.users, (list) => list?.map((u) => (u.id === updated.id ? updated : u)));
      setValue(shown(updated.capacity));
      toast.success(updated.capacity === null ? t('savedUnlimited', { name: user.name }) : t('saved', { name: user.name, capacity: updated.capacity }));
    } catch (error) {
      onError(formErrors(error, t('failed')).message);
    } finally {
      setBusy(false);
    }
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      setValue(shown(user.capacity));
      onError(null);
    }
  }

  return (
    <label className="flex items-center gap-1.5 text-xs text-muted-foreground" title={t('hint')}>
      {t('label')}
      <Input
        data-testid={`user-capacity-${user.id}`}
        type="number"
        inputMode="numeric"
        min={1}
        max={1000}
        step={1}
        placeholder="∞"
        aria-label={t('aria', { name: user.name })}
        value={value}
        disabled={busy}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={onKey}
        className="h-8 w-16 px-2 text-center tabular-nums"
      />
    </label>
  );
}
