'use client';
import { Timer } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Input, Label } from '@/components/ui/input';
import type { SlaSettings } from '@/lib/domain/settings';
import { fieldError, formMessage } from '@/lib/ui/form-errors';
import { FieldError, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

// Admins think in minutes; the API keeps seconds (tests shorten the SLA to seconds).
const toMinutes = (seconds: number) => String(Number((seconds / 60).toFixed(2)));
const toSeconds = (minutes: string) => Math.round(Number(minutes) * 60);

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
  step: string;
  min: number;
  testId: string;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        data-testid={props.testId}
        type="number"
        inputMode="decimal"
        min={props.min}
        step={props.step}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

function Form({ initial, group }: { initial: SlaSettings; group: ReturnType<typeof useSettingsGroup<SlaSettings>> }) {
  const t = useTranslations('timeRules');
  const [waiting, setWaiting] = useState(toMinutes(initial.waiting_seconds));
  const [warning, setWarning] = useState(String(initial.warning_percent));
  const [response, setResponse] = useState(toMinutes(initial.response_seconds));
  const { errors } = group;
  // The API speaks in seconds; say the allowed range in the units of the field.
  const minutesError = (path: string) => (fieldError(errors, path) ? t('minutesRange') : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    void group.save({ waiting_seconds: toSeconds(waiting), warning_percent: Math.round(Number(warning)), response_seconds: toSeconds(response) });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-3">
        <NumberField id="sla-waiting" label={t('waitingMinutes')} value={waiting} onChange={setWaiting} step="any" min={0.17} testId="sla-waiting-minutes" error={minutesError('waiting_seconds')} />
        <NumberField id="sla-warning" label={t('warningPercent')} value={warning} onChange={setWarning} step="1" min={10} testId="sla-warning-percent" error={fieldError(errors, 'warning_percent') ? t('percentRange') : null} />
        <NumberField id="sla-response" label={t('responseMinutes')} value={response} onChange={setResponse} step="any" min={0.17} testId="sla-response-minutes" error={minutesError('response_seconds')} />
      </div>
      <p className="text-[11px] text-muted-foreground">{t('slaExplain')}</p>
      <SaveRow error={formMessage(errors)} busy={group.busy} testId="sla-save" />
    </form>
  );
}

/** How long a customer may wait in the queue, when to warn, and when an unanswered chat escalates. */
export function SlaSettingsCard() {
  const t = useTranslations('timeRules');
  const group = useSettingsGroup<SlaSettings>('sla');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={Timer} iconClass="text-amber-600" title={t('slaTitle')} hint={t('slaHint')} testId="sla-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
