'use client';
import { Search, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { OptionSelect } from '@/components/supervisor/option-select';
import { PRIORITIES, STATUSES } from '@/lib/domain/views';
import { useChannels } from '@/lib/ui/queries';
import { useAgents } from '@/lib/ui/supervisor-queries';
import { EMPTY_FILTERS, hasFilters, type TicketFilters } from '@/lib/ui/ticket-filters';

const SEARCH_DEBOUNCE_MS = 300;

/** The search box keeps its own text and hands it on once the typing pauses. */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const t = useTranslations('browser');
  const [text, setText] = useState(value);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  // Back/forward or "clear filters" changed the address: show what it says.
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => latest.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="relative min-w-72 flex-1">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        data-testid="browser-search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange(text);
        }}
        className="h-8 pl-8 text-sm"
      />
    </div>
  );
}

export function BrowserFilters({ value, onChange }: { value: TicketFilters; onChange: (next: TicketFilters) => void }) {
  const t = useTranslations('browser');
  const ts = useTranslations('status');
  const tp = useTranslations('priority');
  const { data: agents } = useAgents();
  const { data: channels } = useChannels();
  const set = (patch: Partial<TicketFilters>) => onChange({ ...value, ...patch });
  const select = 'h-8 w-auto min-w-32 text-xs';
  return (
    <div className="flex flex-wrap items-center gap-2" role="search" aria-label={t('filters')}>
      <SearchBox value={value.q} onChange={(q) => set({ q })} />
      <NativeSelect aria-label={t('status')} data-testid="browser-filter-status" value={value.status} onChange={(e) => set({ status: e.target.value as TicketFilters['status'] })} className={select}>
        <option value="">{t('allStatuses')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {ts(s)}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect aria-label={t('priority')} data-testid="browser-filter-priority" value={value.priority} onChange={(e) => set({ priority: e.target.value as TicketFilters['priority'] })} className={select}>
        <option value="">{t('allPriorities')}</option>
        {[...PRIORITIES].reverse().map((p) => (
          <option key={p} value={p}>
            {tp(p)}
          </option>
        ))}
      </NativeSelect>
      <OptionSelect label={t('agent')} testId="browser-filter-agent" allLabel={t('allAgents')} items={agents} value={value.agentId} onChange={(agentId) => set({ agentId })} className={select} />
      <OptionSelect label={t('channel')} testId="browser-filter-channel" allLabel={t('allChannels')} items={channels} value={value.channelId} onChange={(channelId) => set({ channelId })} className={select} />
      <span className="flex items-center gap-1 text-xs text-muted-foreground">
        <Input
          type="date"
          aria-label={t('from')}
          data-testid="browser-filter-from"
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => set({ from: e.target.value })}
          className="h-8 w-36 text-xs"
        />
        –
        <Input
          type="date"
          aria-label={t('to')}
          data-testid="browser-filter-to"
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => set({ to: e.target.value })}
          className="h-8 w-36 text-xs"
        />
      </span>
      {hasFilters(value) && (
        <Button size="xs" variant="ghost" data-testid="browser-clear" onClick={() => onChange(EMPTY_FILTERS)}>
          <X aria-hidden />
          {t('clear')}
        </Button>
      )}
    </div>
  );
}
