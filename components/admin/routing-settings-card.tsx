'use client';
import { Shuffle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Input, Label, NativeSelect } from '@/components/ui/input';
import type { RoutingSettings } from '@/lib/domain/settings';
import { fieldError, formMessage } from '@/lib/ui/form-errors';
import { Checkbox, FieldError, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

function Form({ initial, group }: { initial: RoutingSettings; group: ReturnType<typeof useSettingsGroup<RoutingSettings>> }) {
  const t = useTranslations('timeRules');
  const [grace, setGrace] = useState(String(initial.offline_grace_seconds));
  const [onOffline, setOnOffline] = useState(initial.on_agent_offline);
  const [whenAway, setWhenAway] = useState(initial.reassign_when_away);
  const [autoAssign, setAutoAssign] = useState(initial.auto_assign);
  const { errors } = group;
  const graceError = fieldError(errors, 'offline_grace_seconds') ? t('graceRange') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    void group.save({ offline_grace_seconds: Math.round(Number(grace)), on_agent_offline: onOffline, reassign_when_away: whenAway, auto_assign: autoAssign });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="routing-grace">{t('graceSeconds')}</Label>
          <Input
            id="routing-grace"
            data-testid="routing-grace-seconds"
            type="number"
            min={5}
            max={3600}
            step={1}
            value={grace}
            onChange={(e) => setGrace(e.target.value)}
            aria-invalid={graceError ? true : undefined}
          />
          <FieldError message={graceError} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="routing-offline">{t('onOffline')}</Label>
          <NativeSelect
            id="routing-offline"
            data-testid="routing-on-offline"
            value={onOffline}
            onChange={(e) => setOnOffline(e.target.value as RoutingSettings['on_agent_offline'])}
          >
            <option value="queue">{t('onOfflineQueue')}</option>
            <option value="reassign">{t('onOfflineReassign')}</option>
          </NativeSelect>
        </div>
      </div>
      <p className="-mt-2 text-[11px] text-muted-foreground">{t('graceHint')}</p>
      <Checkbox testId="routing-when-away" checked={whenAway} onChange={setWhenAway} label={t('reassignWhenAway')} />
      <Checkbox testId="routing-auto-assign" checked={autoAssign} onChange={setAutoAssign} label={t('autoAssign')} />
      <p className="-mt-2 text-[11px] text-muted-foreground">{t('autoAssignHint')}</p>
      <SaveRow error={formMessage(errors)} busy={group.busy} testId="routing-save" />
    </form>
  );
}

/** What happens when an agent leaves, and whether tickets find an agent by themselves. */
export function RoutingSettingsCard() {
  const t = useTranslations('timeRules');
  const group = useSettingsGroup<RoutingSettings>('routing');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={Shuffle} iconClass="text-sky-600" title={t('routingTitle')} hint={t('routingHint')} testId="routing-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
