import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { QueueList } from '@/components/queue/queue-list';
import { requireActor } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('queue'))('title') };
}

export default async function QueuePage() {
  await requireActor();
  return <QueueList />;
}
