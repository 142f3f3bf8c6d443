'use client';
import { Download, Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { type AnalyticsView, analyticsQuery, analyticsViewFromParams, analyticsViewToParams } from '@/lib/ui/analytics-query';
import { presetRange } from '@/lib/ui/date-range';
import { useAnalytics, useTeamTimezone } from '@/lib/ui/supervisor-queries';
import { useAddressView } from '@/lib/ui/use-address-view';
import { AgentTable } from './agent-table';
import { DistributionChart, VolumeChart } from './analytics-charts';
import { AnalyticsFilterSelects } from './analytics-filters';
import { KpiTiles } from './kpi-tiles';
import { RangePicker } from './range-picker';

function ExportLink({ href, label, testId }: { href: string; label: string; testId: string }) {
  return (
    <Button asChild size="xs" variant="outline">
      <a href={href} download data-testid={testId}>
        <Download aria-hidden />
        {label}
      </a>
    </Button>
  );
}

/**
 * How the team did over a period: numbers, their shape over time, and per agent. The range and
 * filters live in the address, so a reload keeps them and a report can be shared as a link.
 */
export function AnalyticsPage() {
  const t = useTranslations('analytics');
  const timezone = useTeamTimezone();
  const [view, replaceView] = useAddressView(analyticsViewFromParams, analyticsViewToParams);
  // When the preset was picked: "today" means the day it was picked, not a moving target mid-render.
  const [pickedAt, setPickedAt] = useState(() => Date.now());
  const show = (next: AnalyticsView) => {
    setPickedAt(Date.now());
    replaceView(next);
  };

  const range = view.preset === 'custom' ? view.custom : timezone ? presetRange(view.preset, new Date(pickedAt), timezone) : null;
  const params = range ? analyticsQuery(range, view.filters) : null;
  const { data: report, isError, isFetching, refetch } = useAnalytics(params);

  return (
    <div data-testid="analytics" className="mx-auto flex max-w-6xl flex-col gap-4 px-6 py-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="flex items-center gap-2 text-lg font-semibold">
            {t('title')}
            {isFetching && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-label={t('loading')} />}
          </h1>
          <p className="text-xs text-muted-foreground">{timezone ? t('subtitle', { timezone }) : '\u00a0'}</p>
        </div>
        {params && (
          <div className="flex gap-2">
            <ExportLink href={`/api/tickets/export.csv?${params}`} label={t('exportTickets')} testId="export-tickets-csv" />
          </div>
        )}
      </header>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <RangePicker
          preset={view.preset}
          range={range}
          onPreset={(preset) => show({ ...view, preset, custom: null })}
          onCustom={(custom) => show({ ...view, preset: 'custom', custom })}
        />
        <AnalyticsFilterSelects value={view.filters} onChange={(filters) => show({ ...view, filters })} />
      </div>

      {isError && !report ? (
        <Notice tone="error" className="items-center" data-testid="analytics-error">
          <span className="flex-1">{t('loadFailed')}</span>
          <Button size="xs" variant="outline" onClick={() => void refetch()}>
            {t('retry')}
          </Button>
        </Notice>
      ) : !report ? (
        <div className="flex flex-col gap-4" aria-hidden>
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-20" />
            ))}
          </div>
          <Skeleton className="h-72" />
        </div>
      ) : (
        <div data-testid="analytics-report" data-from={report.range.from} data-to={report.range.to} className="flex flex-col gap-4">
          <KpiTiles totals={report.totals} />
          <VolumeChart report={report} />
          <div className="grid gap-4 lg:grid-cols-2">
            <DistributionChart
              testId="chart-wait"
              title={t('charts.waitTitle')}
              hint={t('charts.waitHint')}
              buckets={report.wait_distribution}
              color="var(--chart-1)"
            />
            <DistributionChart
              testId="chart-first-response"
              title={t('charts.firstResponseTitle')}
              hint={t('charts.firstResponseHint')}
              buckets={report.first_response_distribution}
              color="var(--chart-3)"
            />
          </div>
          <AgentTable
            rows={report.agents}
            action={params && <ExportLink href={`/api/analytics/agents.csv?${params}`} label={t('exportAgents')} testId="export-agents-csv" />}
          />
        </div>
      )}
    </div>
  );
}
