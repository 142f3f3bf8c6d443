'use client';
import { MessageCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Input, Label } from '@/components/ui/input';
import type { WhatsappSettings } from '@/lib/domain/settings';
import { formMessage } from '@/lib/ui/form-errors';
import { Checkbox, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

function SecondsField({ id, testId, label, value, onChange }: { id: string; testId: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} data-testid={testId} type="number" min={0} max={60} step={0.1} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function Form({ initial, group }: { initial: WhatsappSettings; group: ReturnType<typeof useSettingsGroup<WhatsappSettings>> }) {
  const t = useTranslations('settings');
  const [markRead, setMarkRead] = useState(initial.mark_read_on_open);
  const [interval, setInterval] = useState(String(initial.send_interval_ms / 1000));
  const [jitter, setJitter] = useState(String(initial.send_jitter_ms / 1000));

  function submit(event: FormEvent) {
    event.preventDefault();
    void group.save({
      mark_read_on_open: markRead,
      send_interval_ms: Math.round(Number(interval) * 1000),
      send_jitter_ms: Math.round(Number(jitter) * 1000),
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <Checkbox testId="wa-mark-read" checked={markRead} onChange={setMarkRead} label={t('waMarkRead')} />
      <div className="grid grid-cols-2 gap-3">
        <SecondsField id="wa-interval" testId="wa-send-interval" label={t('waInterval')} value={interval} onChange={setInterval} />
        <SecondsField id="wa-jitter" testId="wa-send-jitter" label={t('waJitter')} value={jitter} onChange={setJitter} />
      </div>
      <p className="text-[11px] text-muted-foreground">{t('waPacingHint')}</p>
      <SaveRow error={formMessage(group.errors)} busy={group.busy} testId="wa-save" />
    </form>
  );
}

/** WhatsApp behaviour: read receipts on open, and the pace of outgoing messages. */
export function WhatsappSettingsCard() {
  const t = useTranslations('settings');
  const group = useSettingsGroup<WhatsappSettings>('whatsapp');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={MessageCircle} iconClass="text-emerald-600" title={t('waTitle')} hint={t('waHint')} testId="wa-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
