'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { AnalyticsBucketCount, AnalyticsReport } from '@/lib/domain/views';
import { bucketLabel, bucketTitle } from '@/lib/ui/stat-format';

// Colours come from CSS variables (app/globals.css), so the charts follow light and dark mode.
const AXIS = { fill: 'var(--muted-foreground)', fontSize: 11 };
const TOOLTIP = {
  contentStyle: {
    background: 'var(--card)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    fontSize: 12,
    color: 'var(--foreground)',
  },
  cursor: { fill: 'var(--muted)' },
  labelStyle: { color: 'var(--foreground)', fontWeight: 600 },
};

/** Created and resolved per local hour or day of the range. */
export function VolumeChart({ report }: { report: AnalyticsReport }) {
  const t = useTranslations('analytics.charts');
  const locale = useLocale();
  const { bucket, timezone } = report.range;
  const data = report.series.map((point) => ({
    name: bucketLabel(point.start, bucket, locale, timezone),
    title: bucketTitle(point.start, bucket, locale, timezone),
    created: point.created,
    resolved: point.resolved,
  }));
  return (
    <Card data-testid="chart-volume">
      <CardHeader>
        <CardTitle>{t('volumeTitle')}</CardTitle>
        <CardDescription>{t(bucket === 'hour' ? 'perHour' : 'perDay')}</CardDescription>
      </CardHeader>
      <CardContent className="h-64 pt-2">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }} barGap={1}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="name" tick={AXIS} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={12} />
            <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
            <Tooltip
              {...TOOLTIP}
              labelFormatter={(_, payload) => (payload?.[0]?.payload as { title?: string } | undefined)?.title ?? ''}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: 'var(--muted-foreground)' }} />
            <Bar dataKey="created" name={t('created')} fill="var(--chart-1)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="resolved" name={t('resolved')} fill="var(--chart-2)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </CardContent>
    </Card>
  );
}

/** How many tickets fell in each time band (waiting or first response). */
export function DistributionChart({
  title,
  hint,
  buckets,
  color,
  testId,
}: {
  title: string;
  hint: string;
  buckets: AnalyticsBucketCount[];
  color: string;
  testId: string;
}) {
  const t = useTranslations('analytics.charts');
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{hint}</CardDescription>
      </CardHeader>
      <CardContent className="h-52 pt-2">
        {total === 0 ? (
          <p className="grid h-full place-items-center text-xs text-muted-foreground">{t('empty')}</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={buckets} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: 'var(--border)' }} interval={0} />
              <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
              <Tooltip {...TOOLTIP} />
              <Bar dataKey="count" name={t('tickets')} fill={color} radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </CardContent>
    </Card>
  );
}
