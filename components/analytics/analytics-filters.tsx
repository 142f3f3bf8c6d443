'use client';
import { useTranslations } from 'next-intl';
import { OptionSelect } from '@/components/supervisor/option-select';
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
      <OptionSelect label={t('agent')} testId="analytics-filter-agent" allLabel={t('allAgents')} items={agents} value={value.agentId} onChange={(agentId) => onChange({ ...value, agentId })} className="h-8 w-44 text-xs" />
      <OptionSelect label={t('channel')} testId="analytics-filter-channel" allLabel={t('allChannels')} items={channels} value={value.channelId} onChange={(channelId) => onChange({ ...value, channelId })} className="h-8 w-44 text-xs" />
    </div>
  );
}
