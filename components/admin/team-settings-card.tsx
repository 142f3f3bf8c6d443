'use client';
import { useQueryClient } from '@tanstack/react-query';
import { Globe2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Label, NativeSelect } from '@/components/ui/input';
import type { TeamSettings } from '@/lib/domain/settings';
import { fieldError } from '@/lib/ui/form-errors';
import { queryKeys } from '@/lib/ui/query-keys';
import { refetchFresh } from '@/lib/ui/refetch-fresh';
import { FieldError, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

/** Every IANA zone the browser knows, with the saved one kept even if this browser does not list it. */
function zoneList(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

function localTime(locale: string, timeZone: string): string {
  try {
    return new Date().toLocaleTimeString(locale, { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  } catch {
    return '';
  }
}

function Form({ initial, group }: { initial: TeamSettings; group: ReturnType<typeof useSettingsGroup<TeamSettings>> }) {
  const t = useTranslations('teamSettings');
  const locale = useLocale();
  const client = useQueryClient();
  const [zone, setZone] = useState(initial.timezone);
  const [zones] = useState(() => zoneList(initial.timezone));
  const error = fieldError(group.errors, 'timezone');
  const example = localTime(locale, zone);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!(await group.save({ timezone: zone }))) return;
    // The board and the reports count days in this zone: drop what was counted in the old one.
    void refetchFresh(client, { queryKey: ['analytics'] });
    void refetchFresh(client, { queryKey: queryKeys.board });
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4" noValidate>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="team-timezone">{t('label')}</Label>
        <NativeSelect
          id="team-timezone"
          data-testid="team-timezone"
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="max-w-sm"
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </NativeSelect>
        <FieldError message={error} />
        {example && <p className="text-[11px] text-muted-foreground">{t('now', { time: example })}</p>}
      </div>
      <SaveRow error={group.errors.message} busy={group.busy} testId="team-save" />
    </form>
  );
}

/** The team's time zone: where "today" starts for the board and the analytics. */
export function TeamSettingsCard() {
  const t = useTranslations('teamSettings');
  const group = useSettingsGroup<TeamSettings>('team');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={Globe2} iconClass="text-sky-600" title={t('title')} hint={t('hint')} testId="team-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
