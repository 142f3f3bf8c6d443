import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ChannelsAdmin } from '@/components/channels/channels-admin';
import { requireRole } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('channels'))('title') };
}

export default async function Page() {
  await requireRole(['admin']);
  return <ChannelsAdmin />;
}
