'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { DefinitionTip } from '@/components/supervisor/definition-tip';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import type { AnalyticsAgentRow } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatCount, formatRate, formatSeconds } from '@/lib/ui/stat-format';

interface Column {
  key: string;
  label: string;
  def: string;
  cell: (row: AnalyticsAgentRow) => ReactNode;
  numeric?: boolean;
}

/** One row per agent who handled tickets in the range; every column says how it is counted. */
export function AgentTable({ rows, action }: { rows: AnalyticsAgentRow[]; action?: ReactNode }) {
  const t = useTranslations('analytics');
  const locale = useLocale();
  const columns: Column[] = [
    { key: 'handled', label: t('table.handled'), def: 'handled', cell: (r) => formatCount(r.handled, locale), numeric: true },
    { key: 'resolved', label: t('table.resolved'), def: 'agentResolved', cell: (r) => formatCount(r.resolved, locale), numeric: true },
    { key: 'rate', label: t('table.rate'), def: 'agentRate', cell: (r) => formatRate(r.resolution_rate, locale), numeric: true },
    { key: 'first-response', label: t('table.firstResponse'), def: 'agentFirstResponse', cell: (r) => formatSeconds(r.median_first_response_seconds), numeric: true },
    { key: 'handle', label: t('table.handle'), def: 'agentHandle', cell: (r) => formatSeconds(r.median_handle_seconds), numeric: true },
  ];
  return (
    <Card data-testid="agent-table">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{t('table.title')}</CardTitle>
        {action}
      </CardHeader>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-center text-xs text-muted-foreground">{t('table.empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b bg-muted/40 text-[11px] uppercase tracking-wide text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-2 text-left font-medium">
                  {t('table.agent')}
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="px-4 py-2 text-right font-medium">
                    <span className="inline-flex items-center gap-1">
                      {c.label}
                      <DefinitionTip label={t('defs.label', { name: c.label })}>{t(`defs.${c.def}`)}</DefinitionTip>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y">
              {rows.map((row) => (
                <tr key={row.agent_id} data-testid={`agent-row-${row.agent_id}`} className="hover:bg-muted/40">
                  <th scope="row" className="max-w-56 truncate px-4 py-2 text-left font-medium">
                    {row.name}
                  </th>
                  {columns.map((c) => (
                    <td key={c.key} data-column={c.key} className={cn('px-4 py-2', c.numeric && 'text-right tabular-nums')}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
