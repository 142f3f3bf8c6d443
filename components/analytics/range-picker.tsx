'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/ui/cn';
import { type DateRange, type RangePreset, rangeProblem } from '@/lib/ui/date-range';

const PRESETS: RangePreset[] = ['today', '7d', '30d', 'custom'];

/**
 * Presets in one click, or two dates by hand. A hand-typed range is passed on only once it is
 * valid, so a half-typed date never fires a request.
 */
export function RangePicker({
  preset,
  range,
  onPreset,
  onCustom,
}: {
  preset: RangePreset;
  range: DateRange | null;
  onPreset: (preset: Exclude<RangePreset, 'custom'>) => void;
  onCustom: (range: DateRange) => void;
}) {
  const t = useTranslations('analytics');
  const [draft, setDraft] = useState<DateRange | null>(null);
  const shown = draft ?? range ?? { from: '', to: '' };
  const problem = draft ? rangeProblem(draft) : null;

  function edit(next: DateRange) {
    setDraft(next);
    if (!rangeProblem(next)) onCustom(next);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={t('range')} className="inline-flex rounded-md border bg-card p-0.5 shadow-xs">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            data-testid={`range-${p}`}
            aria-pressed={preset === p}
            onClick={() => {
              if (p === 'custom') {
                setDraft(range);
                if (range) onCustom(range);
              } else {
                setDraft(null);
                onPreset(p);
              }
            }}
            className={cn(
              'h-7 rounded px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground',
              preset === p && 'bg-accent text-accent-foreground',
            )}
          >
            {t(`presets.${p}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' && (
        <div className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <label htmlFor="range-from">{t('from')}</label>
          <Input
            id="range-from"
            type="date"
            data-testid="range-from"
            value={shown.from}
            max={shown.to || undefined}
            onChange={(e) => edit({ ...shown, from: e.target.value })}
            className="h-8 w-36 text-xs"
          />
          <label htmlFor="range-to">{t('to')}</label>
          <Input
            id="range-to"
            type="date"
            data-testid="range-to"
            value={shown.to}
            min={shown.from || undefined}
            onChange={(e) => edit({ ...shown, to: e.target.value })}
            className="h-8 w-36 text-xs"
          />
          {problem && (
            <span role="alert" data-testid="range-problem" className="text-destructive">
              {t(`rangeProblem.${problem}`)}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
