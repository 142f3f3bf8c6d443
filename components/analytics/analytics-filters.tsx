'use client';
import { useTranslations } from 'next-intl';
import { NativeSelect } from '@/components/ui/input';
import type { AnalyticsFilters } from '@/lib/ui/analytics-query';
import { useChannels } from '@/lib/ui/queries';
import { useAgents } from '@/lib/ui/supervisor-queries';

/** Narrow the report to one agent and/or one number. */
export function AnalyticsFilterSelects({ value, onChange }: { value: AnalyticsFilters; onChange: (next: AnalyticsFilters) => void }) {
  const t = useTranslations('analytics');
  const { data: agents } = useAgents();
  const { data: channels } = useChannels();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        aria-label={t('agent')}
        data-testid="analytics-filter-agent"
        value={value.agentId}
        onChange={(e) => onChange({ ...value, agentId: e.target.value })}
        className="h-8 w-44 text-xs"
      >
        <option value="">{t('allAgents')}</option>
        {agents?.map((a) => (
          <option key={a.id} value={String(a.id)}>
            {a.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label={t('channel')}
        data-testid="analytics-filter-channel"
        value={value.channelId}
        onChange={(e) => onChange({ ...value, channelId: e.target.value })}
        className="h-8 w-44 text-xs"
      >
        <option value="">{t('allChannels')}</option>
        {channels?.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
