import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SettingsPage } from '@/components/admin/settings-page';
import { requireRole } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title') };
}

export default async function Page() {
  await requireRole(['admin']);
  return <SettingsPage />;
}
