import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BoardPage } from '@/components/board/board-page';
import { requireRole } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('board'))('title') };
}

export default async function Page() {
  await requireRole(['supervisor', 'admin']);
  return <BoardPage />;
}
