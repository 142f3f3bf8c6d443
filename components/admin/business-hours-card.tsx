'use client';
import { CalendarClock, Plus, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, Label, Textarea } from '@/components/ui/input';
import type { BusinessHours } from '@/lib/domain/business-hours';
import { fieldError, formMessage } from '@/lib/ui/form-errors';
import { Checkbox, FieldError, SaveRow, SettingsCard } from './settings-card';
import { useSettingsGroup } from './use-settings-group';

type Day = keyof BusinessHours['week'];
type Span = [string, string];
// Monday first, as the week is read in Indonesia.
const DAYS: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_SPANS = 4;

// A time input cannot show 24:00: midnight at the end of a span is typed and shown as 00:00.
const endIn = (to: string) => (to === '24:00' ? '00:00' : to);
const endOut = (to: string) => (to === '00:00' ? '24:00' : to);

function DayRow({ day, spans, onChange, error }: { day: Day; spans: Span[]; onChange: (spans: Span[]) => void; error: string | null }) {
  const t = useTranslations('timeRules');
  const set = (i: number, j: 0 | 1, value: string) => onChange(spans.map((s, k) => (k === i ? (j === 0 ? [value, s[1]] : [s[0], value]) : s)));
  return (
    <li data-testid={`hours-day-${day}`} className="flex flex-col gap-1 border-b py-2 last:border-b-0">
      <div className="flex flex-wrap items-center gap-2">
        <span className="w-20 shrink-0 text-[13px] font-medium">{t(`days.${day}`)}</span>
        {spans.length === 0 && <span className="text-xs text-muted-foreground">{t('closed')}</span>}
        {spans.map(([from, to], i) => (
          <span key={i} className="flex items-center gap-1">
            <Input type="time" aria-label={t('opens', { day: t(`days.${day}`) })} value={from} onChange={(e) => set(i, 0, e.target.value)} className="h-8 w-32" required />
            <span aria-hidden className="text-muted-foreground">–</span>
            <Input type="time" aria-label={t('closes', { day: t(`days.${day}`) })} value={endIn(to)} onChange={(e) => set(i, 1, e.target.value)} className="h-8 w-32" required />
            <button
              type="button"
              onClick={() => onChange(spans.filter((_, k) => k !== i))}
              aria-label={t('removeSpan')}
              title={t('removeSpan')}
              className="grid size-7 place-items-center rounded text-muted-foreground hover:bg-muted hover:text-foreground"
            >
              <X className="size-3.5" />
            </button>
          </span>
        ))}
        {spans.length < MAX_SPANS && (
          <Button size="xs" variant="ghost" onClick={() => onChange([...spans, spans.length ? ['13:00', '17:00'] : ['08:00', '17:00']])} data-testid={`hours-add-${day}`}>
            <Plus aria-hidden />
            {spans.length ? t('addSpan') : t('open')}
          </Button>
        )}
      </div>
      <FieldError message={error} />
    </li>
  );
}

function Form({ initial, group }: { initial: BusinessHours; group: ReturnType<typeof useSettingsGroup<BusinessHours>> }) {
  const t = useTranslations('timeRules');
  const [enabled, setEnabled] = useState(initial.enabled);
  const [timezone, setTimezone] = useState(initial.timezone);
  const [week, setWeek] = useState(initial.week);
  const [text, setText] = useState(initial.out_of_hours_text);
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), []);
  const { errors } = group;

  function submit(event: FormEvent) {
    event.preventDefault();
    const out = Object.fromEntries(DAYS.map((d) => [d, week[d].map(([from, to]) => [from, endOut(to)])])) as BusinessHours['week'];
    void group.save({ enabled, timezone: timezone.trim(), week: out, out_of_hours_text: text });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <Checkbox testId="hours-enabled" checked={enabled} onChange={setEnabled} label={t('hoursEnabled')} />
      <div className="flex max-w-xs flex-col gap-1.5">
        <Label htmlFor="hours-timezone">{t('timezone')}</Label>
        <Input id="hours-timezone" data-testid="hours-timezone" list="hours-timezones" value={timezone} onChange={(e) => setTimezone(e.target.value)} />
        <datalist id="hours-timezones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <FieldError message={fieldError(errors, 'timezone')} />
      </div>
      <ul aria-label={t('weekLabel')} className="rounded-md border px-3">
        {DAYS.map((day) => (
          <DayRow key={day} day={day} spans={week[day]} onChange={(spans) => setWeek((w) => ({ ...w, [day]: spans }))} error={fieldError(errors, `week.${day}`)} />
        ))}
      </ul>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="hours-text">{t('outOfHoursText')}</Label>
        <Textarea id="hours-text" data-testid="hours-text" rows={4} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
        <FieldError message={fieldError(errors, 'out_of_hours_text')} />
        <p className="text-[11px] text-muted-foreground">{t('outOfHoursHint')}</p>
      </div>
      <SaveRow error={formMessage(errors)} busy={group.busy} testId="hours-save" />
    </form>
  );
}

/** Opening hours: outside them the SLA clocks stop and customers get the out-of-hours message. */
export function BusinessHoursCard() {
  const t = useTranslations('timeRules');
  const group = useSettingsGroup<BusinessHours>('business_hours');
  const { data, isError } = group.query;
  return (
    <SettingsCard icon={CalendarClock} iconClass="text-emerald-600" title={t('hoursTitle')} hint={t('hoursHint')} testId="business-hours-settings" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      {data && <Form initial={data} group={group} />}
    </SettingsCard>
  );
}
