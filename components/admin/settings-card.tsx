'use client';
import type { LucideIcon } from 'lucide-react';
import { Save } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/ui/cn';

/** The frame every settings card shares: title, what it is for, loading and load errors. */
export function SettingsCard({
  icon: Icon,
  iconClass,
  title,
  hint,
  testId,
  state,
  children,
}: {
  icon: LucideIcon;
  iconClass: string;
  title: string;
  hint: string;
  testId: string;
  state: 'loading' | 'error' | 'ready';
  children: ReactNode;
}) {
  const t = useTranslations('settings');
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon className={cn('size-4', iconClass)} aria-hidden />
          {title}
        </CardTitle>
        <CardDescription>{hint}</CardDescription>
      </CardHeader>
      <CardContent>
        {state === 'error' ? <Notice tone="error">{t('loadFailed')}</Notice> : state === 'loading' ? <Skeleton className="h-28" /> : children}
      </CardContent>
    </Card>
  );
}

/** The form's own error (the API's message) and its save button. */
export function SaveRow({ error, busy, testId }: { error: string | null; busy: boolean; testId: string }) {
  const t = useTranslations('settings');
  return (
    <>
      {error && (
        <Notice tone="error" data-testid={`${testId}-error`}>
          {error}
        </Notice>
      )}
      <div>
        <Button type="submit" data-testid={testId} disabled={busy}>
          <Save aria-hidden />
          {t('save')}
        </Button>
      </div>
    </>
  );
}

/** A field's own error, under it. */
export function FieldError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-[11px] text-destructive">
      {message}
    </p>
  );
}

export function Checkbox({ label, checked, onChange, testId }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; testId: string }) {
  return (
    <label className="flex items-center gap-2.5 text-sm">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} className="size-4 accent-(--primary)" />
      {label}
    </label>
  );
}
