import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { TicketBrowser } from '@/components/browser/ticket-browser';
import { requireRole } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('browser'))('title') };
}

export default async function Page() {
  await requireRole(['supervisor', 'admin']);
  // The browser reads its filters from the address on the client.
  return (
    <Suspense>
      <TicketBrowser />
    </Suspense>
  );
}
