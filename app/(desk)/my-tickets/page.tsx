import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MyTicketsPage } from '@/components/queue/my-tickets-page';
import { requireActor } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('myTickets'))('title') };
}

export default async function Page() {
  await requireActor();
  return <MyTicketsPage />;
}
