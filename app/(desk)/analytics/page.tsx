import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { AnalyticsPage } from '@/components/analytics/analytics-page';
import { requireRole } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('analytics'))('title') };
}

export default async function Page() {
  await requireRole(['supervisor', 'admin']);
  // The page reads its range and filters from the address on the client.
  return (
    <Suspense>
      <AnalyticsPage />
    </Suspense>
  );
}
