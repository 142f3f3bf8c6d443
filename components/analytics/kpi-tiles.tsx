'use client';
import { useLocale, useTranslations } from 'next-intl';
import { DefinitionTip } from '@/components/supervisor/definition-tip';
import { StatTile } from '@/components/supervisor/stat-tile';
import type { AnalyticsReport } from '@/lib/domain/views';
import { formatCount, formatRate, formatSeconds } from '@/lib/ui/stat-format';

/** The period in six numbers, each with how it is counted one hover (or focus) away. */
export function KpiTiles({ totals }: { totals: AnalyticsReport['totals'] }) {
  const t = useTranslations('analytics');
  const locale = useLocale();
  const tip = (name: string, def: string) => <DefinitionTip label={t('defs.label', { name })}>{t(`defs.${def}`)}</DefinitionTip>;
  const tiles = [
    { id: 'created', label: t('kpi.created'), value: formatCount(totals.created, locale), def: 'created', sub: t('kpi.claimed', { count: totals.claimed }) },
    { id: 'resolved', label: t('kpi.resolved'), value: formatCount(totals.resolved, locale), def: 'resolved' },
    { id: 'resolution-rate', label: t('kpi.resolutionRate'), value: formatRate(totals.resolution_rate, locale), def: 'resolutionRate' },
    {
      id: 'median-wait',
      label: t('kpi.medianWait'),
      value: formatSeconds(totals.median_wait_seconds),
      def: 'wait',
      sub: totals.p90_wait_seconds === null ? undefined : t('kpi.p90', { value: formatSeconds(totals.p90_wait_seconds) }),
    },
    { id: 'median-first-response', label: t('kpi.medianFirstResponse'), value: formatSeconds(totals.median_first_response_seconds), def: 'firstResponse' },
    {
      id: 'avg-handle',
      label: t('kpi.avgHandle'),
      value: formatSeconds(totals.avg_handle_seconds),
      def: 'handle',
      sub: totals.median_handle_seconds === null ? undefined : t('kpi.median', { value: formatSeconds(totals.median_handle_seconds) }),
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map((tile) => (
        <StatTile key={tile.id} label={tile.label} value={tile.value} valueTestId={`kpi-${tile.id}`} tip={tip(tile.label, tile.def)} wrapLabel>
          <p className="truncate text-xs text-muted-foreground">{tile.sub ?? '\u00a0'}</p>
        </StatTile>
      ))}
    </div>
  );
}
