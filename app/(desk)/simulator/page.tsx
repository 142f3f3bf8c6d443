import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SimulatorPage } from '@/components/simulator/simulator-page';
import { requireRole, simulatorEnabled } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('simulator'))('title') };
}

export default async function Page() {
  await requireRole(['supervisor', 'admin']);
  if (!simulatorEnabled()) redirect('/queue');
  return <SimulatorPage />;
}
