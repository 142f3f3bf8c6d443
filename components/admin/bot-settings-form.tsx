'use client';
import { Bot } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Label, Textarea } from '@/components/ui/input';
import type { BotSettings } from '@/lib/domain/settings';
import { fieldError, formMessage } from '@/lib/ui/form-errors';
import { Checkbox, FieldError, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

function Form({ initial, group }: { initial: BotSettings; group: ReturnType<typeof useSettingsGroup<BotSettings>> }) {
  const t = useTranslations('settings');
  const [text, setText] = useState(initial.ack_text);
  const [enabled, setEnabled] = useState(initial.ack_enabled);

  function submit(event: FormEvent) {
    event.preventDefault();
    void group.save({ ack_text: text, ack_enabled: enabled });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <Checkbox testId="bot-ack-enabled" checked={enabled} onChange={setEnabled} label={t('ackEnabled')} />
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="ack-text">{t('ackText')}</Label>
        <Textarea id="ack-text" data-testid="bot-ack-text" value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={1000} />
        <FieldError message={fieldError(group.errors, 'ack_text')} />
        <p className="text-[11px] text-muted-foreground">{t('ackHint')}</p>
      </div>
      <SaveRow error={formMessage(group.errors)} busy={group.busy} testId="bot-save" />
    </form>
  );
}

/** The bot's one job: the acknowledgement a customer gets when their ticket opens. */
export function BotSettingsCard() {
  const t = useTranslations('settings');
  const group = useSettingsGroup<BotSettings>('bot');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={Bot} iconClass="text-violet-600" title={t('botTitle')} hint={t('botHint')} testId="bot-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
