'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { api } from '@/lib/ui/api';
import { type FormErrors, formErrors, noErrors } from '@/lib/ui/form-errors';
import { queryKeys } from '@/lib/ui/query-keys';

/** One settings group (GET/PUT /api/settings/<group>): its current value and a save that reports field errors. */
export function useSettingsGroup<T>(group: string) {
  const t = useTranslations('settings');
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.settings(group),
    queryFn: ({ signal }) => api<Record<string, T>>(`/api/settings/${group}`, { signal }).then((r) => r[group] as T),
  });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function save(value: T): Promise<boolean> {
    setBusy(true);
    setErrors(noErrors);
    try {
      const saved = await api<Record<string, T>>(`/api/settings/${group}`, { method: 'PUT', body: value });
      client.setQueryData(queryKeys.settings(group), saved[group]);
      toast.success(t('saved'));
      return true;
    } catch (error) {
      setErrors(formErrors(error, t('failed')));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { query, save, busy, errors };
}
