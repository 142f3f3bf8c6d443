import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TokensManager } from '@/components/account/tokens-manager';
import { requireActor } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('tokens'))('title') };
}

export default async function Page() {
  await requireActor();
  return <TokensManager />;
}
